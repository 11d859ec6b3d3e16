package dev.agentgraph.plugins.claudecode;

import dev.agentgraph.api.Emitter;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Work that must never run on the pipeline thread (reading transcripts), done on one worker
 * thread. A job returns what to do with its result; that {@link Landing} is queued and run on the
 * pipeline thread at the next {@link #drain}, so the decoder's state is only ever touched by one
 * thread. At most {@link #MAX_JOBS} wait or run: past it a job is refused and the caller goes on
 * without its result (its policy, stated where it submits).
 */
final class OffThread {
    static final int MAX_JOBS = 64;

    /** What to apply on the pipeline thread once a job is done. */
    @FunctionalInterface
    interface Landing {
        void land(Function<String, SessionTrack> sessions, Emitter emit);
    }

    private final Queue<Landing> landed = new ConcurrentLinkedQueue<>();
    private final AtomicInteger jobs = new AtomicInteger();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "claude-code-transcripts");
        t.setDaemon(true);
        return t;
    });

    /** Runs {@code job} on the worker; false when refused (saturated or closed). */
    boolean submit(Supplier<Landing> job) {
        if (jobs.incrementAndGet() > MAX_JOBS) {
            jobs.decrementAndGet();
            return false;
        }
        try {
            worker.execute(() -> {
                try {
                    Landing landing = job.get();
                    if (landing != null) {
                        landed.add(landing);
                    }
                } finally {
                    jobs.decrementAndGet();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            jobs.decrementAndGet();
            return false;
        }
    }

    /** Applies the results that came back; pipeline thread only. */
    void drain(Function<String, SessionTrack> sessions, Emitter emit) {
        Landing l;
        while ((l = landed.poll()) != null) {
            l.land(sessions, emit);
        }
    }

    void close() {
        worker.shutdownNow();
    }
}
