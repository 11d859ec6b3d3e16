package dev.agentgraph.plugins.jsonltail;

import dev.agentgraph.api.EventFile;
import dev.agentgraph.api.Counter;
import dev.agentgraph.api.Emitter;
import dev.agentgraph.api.Source;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.util.function.Function;
import org.slf4j.Logger;

/** Follows the event file on one daemon thread, woken by {@link DirectoryWatch}. */
final class JsonlTailSource implements Source {

    private final TailSettings settings;
    private final Logger log;
    private final Function<String, Counter> counters;
    private volatile boolean running;
    private Thread thread;
    private DirectoryWatch watch;

    JsonlTailSource(TailSettings settings, Logger log, Function<String, Counter> counters) {
        this.settings = settings;
        this.log = log;
        this.counters = counters;
    }

    @Override
    public void start(Emitter emitter) throws IOException {
        if (settings.create() && !Files.exists(settings.file())) {
            try {
                EventFile.createPrivate(settings.file());
                log.info("created the event file {} (mode 0600)", settings.file());
            } catch (IOException e) {
                log.warn("could not create the event file {}: {}; waiting for it to appear", settings.file(), e.toString());
            }
        }
        FileFollower follower = new FileFollower(settings, emitter, log, counters);
        watch = new DirectoryWatch(settings.file().toAbsolutePath().getParent(), settings.pollInterval());
        running = true;
        thread = new Thread(() -> follow(follower), "jsonl-tail");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow(FileFollower follower) {
        try (follower) {
            follower.openAtStart();
            while (running) {
                step(follower);
                watch.await();
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // Closed: the normal way out.
        } catch (IOException | RuntimeException e) {
            if (running) {
                log.error("stopped following {}: {}", settings.file(), e.toString(), e);
            }
        }
    }

    private void step(FileFollower follower) {
        try {
            follower.step();
        } catch (IOException e) {
            // A file that vanishes mid-read, a permission change: report and try again next time.
            log.warn("reading {}: {}", settings.file(), e.toString());
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        if (watch != null) {
            watch.close();
        }
        if (thread != null) {
            thread.join(2000);
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(1000);
            }
        }
    }
}
