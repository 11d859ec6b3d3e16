package dev.agentgraph.plugins.websocket.bench;

import java.time.Instant;
import java.util.Arrays;

/** Write-to-frame latencies of one run, in microseconds, and arrival times for throughput. */
final class LatencyRecorder {

    private final long[] micros;
    private int count;
    private long firstNanos;
    private long lastNanos;

    LatencyRecorder(int capacity) {
        this.micros = new long[capacity];
    }

    /** Records a frame whose event was written at {@code writtenMicros} (real-time clock). */
    synchronized void record(long writtenMicros) {
        Instant now = Instant.now();
        long nowMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        long t = System.nanoTime();
        if (count == 0) {
            firstNanos = t;
        }
        lastNanos = t;
        if (count < micros.length) {
            micros[count] = nowMicros - writtenMicros;
        }
        count++;
    }

    synchronized int count() {
        return count;
    }

    /** Events per second between the first and the last frame. */
    synchronized double throughput() {
        return count < 2 ? 0 : (count - 1) * 1e9 / (lastNanos - firstNanos);
    }

    /** The latency at quantile {@code q} (1.0 is the max), in milliseconds; NaN when nothing arrived. */
    synchronized double p(double q) {
        int n = Math.min(count, micros.length);
        if (n == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(micros, n);
        Arrays.sort(sorted);
        return sorted[Math.min(n - 1, (int) (n * q))] / 1000.0;
    }

    /** {@code p50=… p99=… max=…} in milliseconds. */
    synchronized String summary() {
        int n = Math.min(count, micros.length);
        if (n == 0) {
            return "no frames";
        }
        long[] sorted = Arrays.copyOf(micros, n);
        Arrays.sort(sorted);
        return String.format("p50=%.3f ms  p99=%.3f ms  max=%.3f ms  (n=%d)",
                sorted[(int) (n * 0.50)] / 1000.0, sorted[Math.min(n - 1, (int) (n * 0.99))] / 1000.0,
                sorted[n - 1] / 1000.0, n);
    }
}
