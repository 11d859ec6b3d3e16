package dev.agentgraph.runtime.doctor;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The event file: whether it can be written and when the last event reached it. Reads only its tail. */
final class EventFileCheck {

    /** Enough for the last line of any ordinary event; the hook caps a line at about 1 MiB. */
    private static final int TAIL_BYTES = 64 * 1024;

    private EventFileCheck() {
    }

    static List<Finding> check(Path file, Instant now) {
        List<Finding> findings = new ArrayList<>();
        if (!Files.exists(file)) {
            Path dir = existingAncestor(file.toAbsolutePath().getParent());
            if (dir != null && Files.isWritable(dir)) {
                findings.add(Finding.problem("no event file yet at " + file + ": no event has come",
                        "start an agent session (restart the agent if its hooks were installed while it ran)"));
            } else {
                findings.add(Finding.problem("the event file " + file + " cannot be created (" + dir + " is not writable)",
                        "make " + dir + " writable, or choose another file with --events"));
            }
            return findings;
        }
        if (!Files.isRegularFile(file)) {
            findings.add(Finding.problem(file + " is not a regular file", "give --events the path of a file"));
            return findings;
        }
        if (Files.isWritable(file)) {
            findings.add(Finding.ok("event file " + file + " is writable"));
        } else {
            findings.add(Finding.problem("event file " + file + " is not writable: the hook cannot append to it",
                    "chmod u+w " + file));
        }
        Optional<Instant> last = lastEvent(file);
        if (last.isEmpty()) {
            findings.add(Finding.problem("the event file is empty: no event has come",
                    "start an agent session (restart the agent if its hooks were installed while it ran)"));
        } else {
            findings.add(Finding.ok("last event " + ago(last.get(), now) + " (" + last.get() + ")"));
        }
        return findings;
    }

    /**
     * When the last line was received: its {@code agentgraph_received} (the hook's stamp) or
     * {@code ts}, else the file's modification time; empty for an empty file.
     */
    static Optional<Instant> lastEvent(Path file) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long size = raf.length();
            if (size == 0) {
                return Optional.empty();
            }
            int n = (int) Math.min(size, TAIL_BYTES);
            byte[] tail = new byte[n];
            raf.seek(size - n);
            raf.readFully(tail);
            String text = new String(tail, StandardCharsets.UTF_8).stripTrailing();
            String line = text.substring(text.lastIndexOf('\n') + 1);
            Optional<Instant> stamped = stamp(line);
            return stamped.isPresent() ? stamped : Optional.of(Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> stamp(String line) {
        try {
            JsonElement e = JsonParser.parseString(line);
            if (!e.isJsonObject()) {
                return Optional.empty();
            }
            JsonObject o = e.getAsJsonObject();
            for (String field : new String[] {"agentgraph_received", "ts"}) {
                if (o.has(field) && o.get(field).isJsonPrimitive()) {
                    return Optional.of(Instant.parse(o.get(field).getAsString()));
                }
            }
        } catch (JsonParseException | DateTimeParseException e) {
            // Not a stamped line: the modification time tells.
        }
        return Optional.empty();
    }

    static String ago(Instant then, Instant now) {
        Duration d = Duration.between(then, now);
        if (d.isNegative() || d.toSeconds() < 60) {
            return "just now";
        }
        if (d.toMinutes() < 60) {
            return d.toMinutes() + " min ago";
        }
        if (d.toHours() < 48) {
            return d.toHours() + " h ago";
        }
        return d.toDays() + " days ago";
    }

    private static Path existingAncestor(Path p) {
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p;
    }
}
