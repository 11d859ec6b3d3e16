package dev.agentgraph.plugins.jsonltail;

import dev.agentgraph.api.EventFile;
import dev.agentgraph.api.Counter;
import dev.agentgraph.api.Emitter;
import dev.agentgraph.api.Event;
import dev.agentgraph.plugins.lines.LineDecoder;
import dev.agentgraph.plugins.lines.LineSplitter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * Reads the event file from where it last stopped, line by line, and notices when the file under
 * the path is no longer the one it has open (rotation, deletion and re-creation), has shrunk
 * (truncation) or no longer holds what was read before the offset (truncated and written again
 * past it between two looks, see {@link ReadFingerprint}). Called again and again from one thread by {@link JsonlTailSource}.
 */
final class FileFollower implements AutoCloseable {

    /** Reads per step before the file's identity is checked again, so a busy file cannot starve it. */
    private static final int READS_PER_STEP = 64;

    private final Path file;
    private final TailSettings settings;
    private final Emitter emitter;
    private final Logger log;
    private final LineDecoder decoder;
    private final LineSplitter splitter;
    private final ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
    private final ReadFingerprint lastRead = new ReadFingerprint();
    private final Counter events;
    private final Counter rotations;
    private final Counter truncations;
    private final Counter insecureMode;

    private FileChannel channel;
    private Object fileKey;
    private boolean openProblemLogged;
    /** Lines that end at or before this offset of the first file are history. */
    private long historyEnd = -1;

    FileFollower(TailSettings settings, Emitter emitter, Logger log, Function<String, Counter> counters) {
        this.file = settings.file();
        this.settings = settings;
        this.emitter = emitter;
        this.log = log;
        this.decoder = new LineDecoder(file.toString(), counters, log);
        this.splitter = new LineSplitter(settings.maxLine(), new LineSplitter.Lines() {
            @Override
            public void line(byte[] buf, int off, int len, long start, long end) {
                onLine(buf, off, len, start, end);
            }

            @Override
            public void tooLong(long start) {
                decoder.tooLong(start, settings.maxLine());
            }
        });
        this.events = counters.apply("events");
        this.rotations = counters.apply("rotations");
        this.truncations = counters.apply("truncations");
        this.insecureMode = counters.apply("insecure_file_mode");
    }

    /**
     * Opens the file as it is at start: its last {@code historyBytes} become history, starting at
     * a line boundary; everything written later is live.
     */
    void openAtStart() throws IOException {
        if (!open()) {
            return;
        }
        long size = channel.size();
        long start = Math.max(0, size - settings.historyBytes());
        restartAt(start, start > 0 && !followsNewline(start));
        historyEnd = size;
        log.info("following {} from offset {} ({} bytes of history)", file, start, size - start);
    }

    /** Reads what is new, then reacts if the path now names another file or the file shrank. */
    void step() throws IOException {
        if (channel == null) {
            if (open()) {
                restartAt(0, false);
                log.info("following {} from its start", file);
            } else {
                return;
            }
        }
        if (!lastRead.stillMatches(channel, splitter.position())) {
            // Emptied and written again past the offset since the last look: same file, no smaller.
            truncations.increment();
            log.info("{} was rewritten since offset {} was read; reading it again from its start", file, splitter.position());
            historyEnd = -1;
            restartAt(0, false);
        }
        drain();
        BasicFileAttributes now = attributes();
        if (now == null) {
            return; // renamed or deleted: keep reading the old file until a new one appears
        }
        if (!Objects.equals(now.fileKey(), fileKey)) {
            drain();
            if (splitter.hasPartial()) {
                log.warn("the last line of the previous {} had no newline; it was dropped", file);
            }
            rotations.increment();
            log.info("{} was replaced (rotation or re-creation); following the new file from its start", file);
            closeChannel();
            historyEnd = -1;
            if (open()) {
                restartAt(0, false);
                drain();
            }
        } else if (now.size() < splitter.position()) {
            truncations.increment();
            log.info("{} was truncated from {} to {} bytes; reading it again from its start", file, splitter.position(), now.size());
            historyEnd = -1;
            restartAt(0, false);
            drain();
        }
    }

    private void restartAt(long offset, boolean skipFirstLine) {
        splitter.reset(offset, skipFirstLine);
        lastRead.clear();
    }

    private void drain() throws IOException {
        for (int i = 0; i < READS_PER_STEP; i++) {
            buffer.clear();
            int n = channel.read(buffer, splitter.position());
            if (n <= 0) {
                return;
            }
            lastRead.read(buffer.array(), 0, n);
            splitter.feed(buffer.array(), 0, n);
        }
    }

    private void onLine(byte[] buf, int off, int len, long start, long end) {
        Event event = decoder.decode(buf, off, len, start);
        if (event == null) {
            return;
        }
        events.increment();
        emitter.emit(end <= historyEnd ? event.asHistory() : event);
    }

    private boolean open() throws IOException {
        try {
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new IOException("not a regular file");
            }
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            if (!openProblemLogged) {
                log.info("{} does not exist yet; waiting for it", file);
                openProblemLogged = true;
            }
            return false;
        } catch (IOException e) {
            // Unreadable (permissions, a directory in its place): say so once, try again each poll.
            if (!openProblemLogged) {
                log.warn("cannot read {}: {}; trying again", file, e.toString());
                openProblemLogged = true;
            }
            return false;
        }
        openProblemLogged = false;
        BasicFileAttributes attrs = attributes();
        fileKey = attrs == null ? null : attrs.fileKey();
        EventFile.modeWarning(file).ifPresent(warning -> {
            insecureMode.increment();
            log.warn(warning);
        });
        return true;
    }

    private boolean followsNewline(long offset) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        return channel.read(one, offset - 1) == 1 && one.get(0) == '\n';
    }

    private BasicFileAttributes attributes() {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                log.debug("closing {}: {}", file, e.toString());
            }
            channel = null;
        }
    }

    @Override
    public void close() {
        closeChannel();
    }
}
