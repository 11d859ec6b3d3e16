package dev.agentgraph.runtime.pipeline;

import dev.agentgraph.api.LogThrottle;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Runs calls into one component so that whatever it throws is logged (at most one line every
 * ten seconds, with a count of the ones left out) and counted, and never reaches the caller:
 * one component's failure must not stop the others.
 */
public final class Guard {


    /** A call that may throw anything. */
    @FunctionalInterface
    public interface Call<T> {
        T call() throws Exception;
    }

    /** An action that may throw anything. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    private final ComponentStats stats;
    private final Logger log;
    private final LogThrottle throttle = new LogThrottle(Duration.ofSeconds(10));

    public Guard(ComponentStats stats, Logger log) {
        this.stats = stats;
        this.log = log;
    }

    /** Runs {@code action}; returns false if it threw. */
    public boolean run(String what, Action action) {
        return call(what, () -> {
            action.run();
            return Boolean.TRUE;
        }) != null;
    }

    /** Returns what {@code call} returns, or {@code null} if it threw. */
    public <T> T call(String what, Call<T> call) {
        try {
            return call.call();
        } catch (Throwable t) {
            rethrowIfFatal(t);
            if (t instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            failed(what, t);
            return null;
        }
    }

    /** Counts and logs a failure that happened elsewhere. */
    public void failed(String what, Throwable t) {
        stats.errors().increment();
        long held = throttle.admit();
        if (held < 0) {
            return;
        }
        log.warn(LogThrottle.withHeldBack(stats.id() + " failed in " + what + ": " + t, held), t);
    }

    /** Out-of-memory and similar errors are not a component's fault to hide; a stack overflow is. */
    static void rethrowIfFatal(Throwable t) {
        if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
            throw (VirtualMachineError) t;
        }
    }
}
