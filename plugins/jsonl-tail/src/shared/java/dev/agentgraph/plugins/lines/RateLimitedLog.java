package dev.agentgraph.plugins.lines;

import org.slf4j.Logger;

/**
 * Logs a warning of one kind at most once per interval, and says how many were held back, so a
 * flood of bad lines gives a few clear log lines instead of millions.
 */
public final class RateLimitedLog {

    private final Logger log;
    private final long intervalNanos;
    private long lastNanos;
    private boolean logged;
    private long suppressed;

    public RateLimitedLog(Logger log, long intervalMillis) {
        this.log = log;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    /** Logs {@code message} unless one was logged less than an interval ago. */
    public synchronized void warn(String message) {
        long now = System.nanoTime();
        if (logged && now - lastNanos < intervalNanos) {
            suppressed++;
            return;
        }
        if (suppressed > 0) {
            log.warn("{} ({} more like it since the last such line)", message, suppressed);
        } else {
            log.warn(message);
        }
        logged = true;
        lastNanos = now;
        suppressed = 0;
    }
}
