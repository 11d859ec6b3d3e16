package dev.agentgraph.plugins.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns the recorded times of successive lines into how long to wait before each, on one
 * recording-time axis so that waits do not drift: the gap between two timed lines is kept (never
 * negative, at most {@code maxGap}), a line without a time comes {@code untimedGap} after the
 * previous one, and everything is divided by {@code speed}.
 */
final class ReplayPacer {

    private final double speed;
    private final long untimedGapMillis;
    private final long maxGapMillis;
    private boolean started;
    private Instant previous;
    private long recordingMillis;

    ReplayPacer(double speed, Duration untimedGap, Duration maxGap) {
        this.speed = speed;
        this.untimedGapMillis = untimedGap.toMillis();
        this.maxGapMillis = maxGap.toMillis();
    }

    /**
     * Advances past one line and returns when it is due, in nanoseconds after the first line was
     * played (already scaled by speed).
     */
    long due(Optional<Instant> time) {
        if (started) {
            long gap;
            if (time.isPresent() && previous != null) {
                gap = Math.max(0, Duration.between(previous, time.get()).toMillis());
            } else {
                gap = untimedGapMillis;
            }
            recordingMillis += Math.min(gap, maxGapMillis);
        }
        started = true;
        time.ifPresent(t -> previous = t);
        return Math.round(recordingMillis * 1_000_000.0 / speed);
    }
}
