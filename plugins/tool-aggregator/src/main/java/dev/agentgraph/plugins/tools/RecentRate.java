package dev.agentgraph.plugins.tools;

/**
 * Calls per second over the last {@link #WINDOW_SECONDS} seconds, in one-second buckets: a fixed,
 * small array however many calls pass.
 */
final class RecentRate {

    static final int WINDOW_SECONDS = 10;

    private final long[] counts = new long[WINDOW_SECONDS];
    private final long[] seconds = new long[WINDOW_SECONDS];

    void add(long epochSecond) {
        int i = (int) Math.floorMod(epochSecond, (long) WINDOW_SECONDS);
        if (seconds[i] != epochSecond) {
            seconds[i] = epochSecond;
            counts[i] = 0;
        }
        counts[i]++;
    }

    /** Calls per second over the window that ends with {@code nowSecond}. */
    double perSecond(long nowSecond) {
        long sum = 0;
        for (int i = 0; i < WINDOW_SECONDS; i++) {
            if (seconds[i] > nowSecond - WINDOW_SECONDS && seconds[i] <= nowSecond) {
                sum += counts[i];
            }
        }
        return (double) sum / WINDOW_SECONDS;
    }
}
