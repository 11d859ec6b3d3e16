package dev.agentgraph.plugins.httpingest;

import dev.agentgraph.api.Counter;
import dev.agentgraph.api.EventFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;

/**
 * Appends what http ingest received to the event file, one line per {@code write(2)} in append
 * mode like the sh hook, so that a restart (the tail's history) and a replay see an http-mode
 * session exactly as a file-mode one. A failed write is logged (once until writes work again)
 * and counted; the payload was already decoded, so nothing is lost for the live view.
 */
final class EventFileAppender implements AutoCloseable {
    private final Path file;
    private final Logger log;
    private final Counter failures;
    private FileChannel channel;
    private boolean failing;

    EventFileAppender(Path file, Logger log, Counter failures) {
        this.file = file;
        this.log = log;
        this.failures = failures;
    }

    /** Appends one line (a newline is added). */
    synchronized void append(String line) {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            if (channel == null) {
                EventFile.createPrivate(file);
                channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            }
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            failing = false;
        } catch (IOException e) {
            failures.increment();
            if (!failing) {
                log.warn("cannot append an ingested payload to {}: {}; it is shown live but a restart will not "
                        + "bring it back", file, e.toString());
                failing = true;
            }
            closeQuietly();
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing more to write
            }
            channel = null;
        }
    }
}
