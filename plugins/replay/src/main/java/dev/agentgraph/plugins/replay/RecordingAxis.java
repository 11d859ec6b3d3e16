package dev.agentgraph.plugins.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Places the lines of a recording on one time axis, in milliseconds after its first line, so
 * that playing, pausing and seeking all speak of the same moments: the gap between two timed
 * lines is kept (never negative, at most {@code maxGap}) and a line without a time comes
 * {@code untimedGap} after the previous one. How fast the axis is played is {@link PlayClock}'s.
 */
final class RecordingAxis {

    private final long untimedGapMillis;
    private final long maxGapMillis;
    private boolean started;
    private Instant previous;
    private long recordingMillis;

    RecordingAxis(Duration untimedGap, Duration maxGap) {
        this.untimedGapMillis = untimedGap.toMillis();
        this.maxGapMillis = maxGap.toMillis();
    }

    /** Advances past one line and returns its moment on the axis. */
    long at(Optional<Instant> time) {
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
        return recordingMillis;
    }
}
