package dev.agentgraph.plugins.claudecode;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads transcripts (one JSON object a line) into a {@link TranscriptTally}: a sub-agent's whole
 * at its stop, a session's in steps as it grows. At most {@code maxBytes} are read per call; a
 * longer rest makes the totals partial (a whole read) or waits for the next step (a growing one).
 */
final class TranscriptReader {

    private final Pricing pricing;
    private final long maxBytes;

    TranscriptReader(Pricing pricing, long maxBytes) {
        this.pricing = pricing;
        this.maxBytes = maxBytes;
    }

    /** Reads a finished sub-agent's transcript; {@code fallbackModel} prices messages that name no model. */
    TranscriptTotals read(Path file, String fallbackModel) throws IOException {
        TranscriptTally tally = new TranscriptTally(pricing, fallbackModel);
        boolean more = read(file, tally, false, true);
        tally.partial |= more;
        return tally.totals();
    }

    /** A tally that a session's growing transcript is read into step by step. */
    TranscriptTally tally(String fallbackModel) {
        return new TranscriptTally(pricing, fallbackModel);
    }

    /**
     * Reads whole lines from {@code tally.offset} on, at most {@code maxBytes}; true when more was
     * there than was read. A file shorter than the offset was replaced and is read from the start.
     */
    boolean readMore(Path file, TranscriptTally tally, boolean skipSidechain) throws IOException {
        return read(file, tally, skipSidechain, false);
    }

    /** {@code finished}: the file no longer grows, so a last line without its newline counts too. */
    private boolean read(Path file, TranscriptTally tally, boolean skipSidechain, boolean finished)
            throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < tally.offset) {
                tally.offset = 0;
            }
            long want = Math.min(size - tally.offset, maxBytes);
            ch.position(tally.offset);
            InputStream in = Channels.newInputStream(ch);
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] buf = new byte[64 * 1024];
            long read = 0;
            long consumed = 0;
            while (read < want) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, want - read));
                if (n < 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        count(line, tally, skipSidechain);
                        consumed = read + i + 1;
                        line.reset();
                    } else {
                        line.write(buf[i]);
                    }
                }
                read += n;
            }
            if (finished && read == size - tally.offset && line.size() > 0) {
                count(line, tally, skipSidechain);
                consumed = read;
            } else if (consumed == 0 && read == maxBytes && read > 0) {
                consumed = read; // one line longer than the cap: skipped, or reading would never move on
                tally.partial = true;
            }
            tally.offset += consumed;
            return tally.offset < size;
        }
    }

    /**
     * The model of the first assistant message in the first {@code limit} bytes of a transcript,
     * or null: how a sub-agent whose payloads name no model is known before it finishes.
     */
    static String firstModel(Path file, int limit) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(limit);
        }
        String text = new String(head, StandardCharsets.UTF_8);
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                break; // a torn last line: the next look will see it whole
            }
            String line = text.substring(start, end);
            start = end + 1;
            if (!line.contains("\"assistant\"")) {
                continue;
            }
            try {
                JsonElement root = JsonParser.parseString(line);
                JsonElement message = root.isJsonObject() ? root.getAsJsonObject().get("message") : null;
                String model = message != null && message.isJsonObject()
                        ? Texts.string(message.getAsJsonObject(), "model") : null;
                if (model != null && !model.startsWith("<")) {
                    return Texts.bound(model, Texts.NAME);
                }
            } catch (JsonParseException | IllegalStateException | StackOverflowError e) {
                // not a message line
            }
        }
        return null;
    }

    private static void count(ByteArrayOutputStream bytes, TranscriptTally tally, boolean skipSidechain) {
        String line = bytes.toString(StandardCharsets.UTF_8);
        if (line.isBlank() || !line.contains("\"usage\"")) {
            return;
        }
        try {
            JsonElement root = JsonParser.parseString(line);
            if (root.isJsonObject()) {
                tally.add(root.getAsJsonObject(), skipSidechain);
            }
        } catch (JsonParseException | IllegalStateException | StackOverflowError e) {
            // a torn or hostile line counts for nothing
        }
    }
}
