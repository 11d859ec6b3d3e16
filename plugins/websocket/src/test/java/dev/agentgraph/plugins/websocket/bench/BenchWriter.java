package dev.agentgraph.plugins.websocket.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/**
 * The benchmark's writer, run as its own process: appends {@code count} events to a file at a
 * steady {@code rate} per second, each stamped with its write time in microseconds of the
 * real-time clock ({@code t_us}), so the reader measures write-to-frame latency across processes.
 * Each millisecond's due lines go out in one append (one line a write at 1,000/s, as a hook does).
 *
 * <p>Usage: {@code BenchWriter FILE RATE COUNT}
 */
public final class BenchWriter {

    private BenchWriter() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        long rate = Long.parseLong(args[1]);
        long count = Long.parseLong(args[2]);
        StringBuilder batch = new StringBuilder(1 << 16);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            long start = System.nanoTime();
            long written = 0;
            while (written < count) {
                // Wake at the next millisecond boundary and write what is due by then.
                long tick = (System.nanoTime() - start) / 1_000_000L + 1;
                LockSupport.parkNanos(start + tick * 1_000_000L - System.nanoTime());
                long due = Math.min(count, tick * rate / 1000);
                if (due <= written) {
                    continue;
                }
                batch.setLength(0);
                Instant now = Instant.now();
                long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
                for (long n = written + 1; n <= due; n++) {
                    batch.append("{\"ts\":\"").append(now).append("\",\"event\":\"tool_use\",\"session_id\":\"bench\",")
                            .append("\"agent_id\":\"main\",\"tool\":\"Bash\",\"n\":").append(n)
                            .append(",\"t_us\":").append(micros).append("}\n");
                }
                ByteBuffer bytes = ByteBuffer.wrap(batch.toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                written = due;
            }
        }
    }
}
