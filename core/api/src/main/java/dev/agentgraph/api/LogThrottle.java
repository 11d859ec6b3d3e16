package dev.agentgraph.api;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets through at most one log line of a kind per interval and counts the ones held back, so that
 * a flood of bad input gives a few clear lines instead of millions. One throttle per kind of line;
 * safe from any thread, without a lock.
 *
 * <pre>{@code
 * long held = throttle.admit();
 * if (held >= 0) {
 *     log.warn(LogThrottle.withHeldBack("refused a line: " + why, held));
 * }
 * }</pre>
 */
public final class LogThrottle {

    private final long intervalNanos;
    private final AtomicLong nextAt = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong held = new AtomicLong();

    public LogThrottle(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the interval must be positive: " + interval);
        }
        this.intervalNanos = interval.toNanos();
    }

    /** Now: -1 to stay silent, else how many lines were held back since the last one let through. */
    public long admit() {
        return admit(System.nanoTime());
    }

    /** At {@code nowNanos} ({@link System#nanoTime()} scale): see {@link #admit()}. */
    public long admit(long nowNanos) {
        long next = nextAt.get();
        if ((next == Long.MIN_VALUE || nowNanos - next >= 0) && nextAt.compareAndSet(next, nowNanos + intervalNanos)) {
            return held.getAndSet(0);
        }
        held.incrementAndGet();
        return -1;
    }

    /** {@code line}, saying how many like it were held back when there were any. */
    public static String withHeldBack(String line, long held) {
        return held > 0 ? line + " (" + held + " more like it not logged)" : line;
    }
}
