package dev.agentgraph.plugins.websocket.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time per thread group of this JVM between two points: the cost of each stage per event,
 * which stays meaningful when other processes compete for the cores.
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ThreadCpu() {
    }

    /** CPU nanoseconds so far, by thread name with trailing numbers removed. */
    static Map<String, Long> sample() {
        Map<String, Long> byGroup = new TreeMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            ThreadInfo info = THREADS.getThreadInfo(id);
            long cpu = THREADS.getThreadCpuTime(id);
            if (info != null && cpu > 0) {
                byGroup.merge(info.getThreadName().replaceAll("[-0-9]+$", ""), cpu, Long::sum);
            }
        }
        return byGroup;
    }

    /**
     * CPU nanoseconds so far of another process's threads, by the name Linux keeps for each (a
     * JVM's thread name, cut to 15 characters) with trailing numbers removed, read from {@code /proc}.
     */
    static Map<String, Long> sample(long pid) {
        Map<String, Long> byGroup = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    String stat = Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    byGroup.merge(name.replaceAll("[-0-9]+$", ""), ticks * 10_000_000L, Long::sum);
                } catch (NoSuchFileException ended) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byGroup;
    }

    /** {@code group=µs/event} for the groups that used at least 0.1 µs per event. */
    static String perEvent(Map<String, Long> before, Map<String, Long> after, long events) {
        StringBuilder b = new StringBuilder();
        after.forEach((group, cpu) -> {
            double micros = (cpu - before.getOrDefault(group, 0L)) / 1000.0 / events;
            if (micros >= 0.1) {
                b.append(String.format("%s=%.1f ", group, micros));
            }
        });
        return b.toString().trim();
    }
}
