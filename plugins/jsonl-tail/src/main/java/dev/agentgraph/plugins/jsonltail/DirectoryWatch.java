package dev.agentgraph.plugins.jsonltail;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a change in the event file's directory: the OS notification where the JDK has a
 * native one (inotify on Linux), bounded by a short poll so that a missed notification, a
 * directory created later or a file system without notifications only costs one interval.
 */
final class DirectoryWatch implements Closeable {

    private final Path dir;
    private final long pollMillis;
    private final WatchService service;
    private WatchKey key;

    DirectoryWatch(Path dir, Duration poll) throws IOException {
        this.dir = dir;
        this.pollMillis = Math.max(1, poll.toMillis());
        this.service = FileSystems.getDefault().newWatchService();
    }

    /**
     * Returns after a change in the directory or after one poll interval.
     *
     * @throws ClosedWatchServiceException once closed
     */
    void await() throws InterruptedException {
        register();
        WatchKey signalled = service.poll(pollMillis, TimeUnit.MILLISECONDS);
        while (signalled != null) {
            signalled.pollEvents();
            if (!signalled.reset() && signalled == key) {
                key = null; // the directory went away; register again once it is back
            }
            signalled = service.poll();
        }
    }

    private void register() {
        if (key != null && key.isValid()) {
            return;
        }
        key = null;
        if (!Files.isDirectory(dir)) {
            return;
        }
        try {
            key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException e) {
            // Left to the poll; tried again on the next wait.
        }
    }

    @Override
    public void close() throws IOException {
        service.close();
    }
}
