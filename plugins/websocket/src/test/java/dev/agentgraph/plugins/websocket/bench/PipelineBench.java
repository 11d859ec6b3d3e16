package dev.agentgraph.plugins.websocket.bench;

import dev.agentgraph.plugins.alive.AliveAgentsFactory;
import dev.agentgraph.plugins.jsonltail.JsonlTailFactory;
import dev.agentgraph.plugins.tools.ToolAggregatorFactory;
import dev.agentgraph.plugins.websocket.WebSocketSinkFactory;
import dev.agentgraph.testkit.TestAgentGraph;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The pipeline benchmark: a separate writer process appends events to a real file at a steady
 * rate; AgentGraph (jsonl-tail, alive-agents, tool-aggregator, websocket) serves them; real
 * WebSocket clients measure write-to-frame latency, one client's end-to-end throughput, and ten
 * clients at once. The same load through {@code websocketd tail -n0 -F FILE} (when websocketd is
 * on the PATH) is measured first in the same run as the floor, and each figure is printed beside
 * it with the ratio.
 *
 * <p>Settings (system properties): {@code bench.latency.rate} (1000), {@code bench.latency.seconds}
 * (10), {@code bench.throughput.events} (1000000), {@code bench.throughput.rate} (150000),
 * {@code bench.fanout.clients} (10), {@code bench.fanout.rate} (20000), {@code bench.fanout.seconds} (10).
 */
public final class PipelineBench {

    /**
     * Events written in one second to start the warm-up: more than the 50,000 calls after which
     * the launcher lets C2 compile a method (it waits that long for a faster start), so the path
     * is measured as a server that has run a while runs it.
     */
    private static final int WARM_UP_BURST = 100_000;

    private final int latencyRate = Integer.getInteger("bench.latency.rate", 1000);
    private final int latencySeconds = Integer.getInteger("bench.latency.seconds", 10);
    private final int latencyWarmUpSeconds = Integer.getInteger("bench.latency.warm-up-seconds", 15);
    private final int throughputEvents = Integer.getInteger("bench.throughput.events", 1_000_000);
    private final int throughputRate = Integer.getInteger("bench.throughput.rate", 150_000);
    private final int fanoutClients = Integer.getInteger("bench.fanout.clients", 10);
    private final int fanoutRate = Integer.getInteger("bench.fanout.rate", 20_000);
    private final int fanoutSeconds = Integer.getInteger("bench.fanout.seconds", 10);
    private final List<String> heapSamples = new CopyOnWriteArrayList<>();
    /** AgentGraph's own process while {@link #agentgraphProcess} runs it; -1 when it runs in this JVM or for the floor. */
    private long serverPid = -1;
    /** Events the server has read so far, when it runs in this JVM; heap is sampled by it. */
    private volatile LongSupplier serverEvents;

    /** The figures of one server. */
    private record Result(double p50, double p99, double max, int received, double rate, int fanoutMin) {
    }

    public static void main(String[] args) throws Exception {
        PipelineBench bench = new PipelineBench();
        Result floor = bench.floor();
        String install = System.getProperty("bench.install");
        Result ours = install == null ? bench.agentgraph() : bench.agentgraphProcess(Path.of(install));
        bench.report(floor, ours);
        System.exit(0);
    }

    private Result floor() throws Exception {
        if (!onPath("websocketd")) {
            System.out.println("websocketd is not installed (apt-get install -y websocketd): no floor measured");
            return null;
        }
        Path file = emptyEventFile("agentgraph-bench-floor");
        int port = freePort();
        Process websocketd = new ProcessBuilder("websocketd", "--address=127.0.0.1", "--port=" + port,
                "--loglevel=error", "tail", "-n0", "-F", file.toString()).inheritIO().start();
        try {
            awaitListening(port);
            return run("tail -F | websocketd", URI.create("ws://127.0.0.1:" + port + "/"), file);
        } finally {
            websocketd.destroy();
            websocketd.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /**
     * AgentGraph as users run it, when {@code bench.install} names an unpacked distribution: its
     * {@code bin/agentgraph} with the launcher's JVM flags and every default plugin, in a process of
     * its own as websocketd is; the CPU it spent per event comes from {@code /proc}.
     */
    private Result agentgraphProcess(Path install) throws Exception {
        Path file = emptyEventFile("agentgraph-bench");
        Path dir = file.getParent();
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(install.resolve("bin/agentgraph").toString(), "--port",
                Integer.toString(port), "--events", file.toString()));
        String extra = System.getProperty("bench.install.args", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
        pb.environment().put("HOME", dir.toString());
        Process server = pb.start();
        serverPid = server.pid();
        try {
            awaitListening(port);
            long cpuBefore = processCpuMillis(server.pid());
            Result result = run("agentgraph", URI.create("ws://127.0.0.1:" + port + "/stream"), file);
            long cpu = processCpuMillis(server.pid()) - cpuBefore;
            long written = (long) WARM_UP_BURST + (long) latencyRate * (latencyWarmUpSeconds + latencySeconds) + throughputEvents
                    + (long) fanoutRate * fanoutSeconds;
            System.out.printf("agentgraph: server process CPU %,d ms for the %,d events written in all phases (%.1f µs an event)%n",
                    cpu, written, cpu * 1000.0 / written);
            return result;
        } finally {
            server.destroy();
            server.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** A new empty event file in a temporary folder of its own. */
    private static Path emptyEventFile(String prefix) throws java.io.IOException {
        Path file = Files.createTempDirectory(prefix).resolve("agent-events.jsonl");
        Files.createFile(file);
        return file;
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** User and system CPU time of a process so far, from /proc (Linux), in milliseconds. */
    private static long processCpuMillis(long pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    }

    private Result agentgraph() throws Exception {
        Path dir = Files.createTempDirectory("agentgraph-bench");
        Path file = dir.resolve("agent-events.jsonl");
        try (TestAgentGraph graph = TestAgentGraph.builder()
                .component(new JsonlTailFactory())
                .component(new AliveAgentsFactory())
                .component(new ToolAggregatorFactory())
                .component(new WebSocketSinkFactory())
                .eventsFile(file)
                .start()) {
            serverEvents = () -> graph.stats().getAsJsonObject("components").getAsJsonObject("jsonl-tail")
                    .getAsJsonObject("counters").get("events").getAsLong();
            Result result = run("agentgraph", graph.ws("/stream"), file);
            var ws = graph.stats().getAsJsonObject("components").getAsJsonObject("websocket");
            System.out.printf("agentgraph: websocket sink drops=%s, clients closed as too slow=%s, events sent=%s in %s frames%n",
                    ws.get("drops"), ws.getAsJsonObject("counters").get("clients_too_slow"),
                    ws.getAsJsonObject("counters").get("events_sent"), ws.getAsJsonObject("counters").get("batches_sent"));
            return result;
        }
    }

    private Result run(String name, URI uri, Path file) throws Exception {
        LatencyRecorder latency;
        LatencyRecorder bulk;
        try (BenchClient client = new BenchClient(uri)) {
            // Warm-up: let the JIT compile the path before measuring, with a burst and then at the
            // latency rate itself. After the burst alone, AgentGraph's JVM went on compiling for
            // about ten seconds, and those held most of its slow frames (over 3 ms: 110 in each of
            // the first two 5-second spells, 4 to 29 in each after); the floor, compiled ahead of
            // time, has no such phase, so without this the p99 compared a cold JVM with a warm one.
            measure(List.of(client), file, WARM_UP_BURST, WARM_UP_BURST, 30);
            measure(List.of(client), file, latencyRate, latencyRate * latencyWarmUpSeconds, latencyWarmUpSeconds + 20);

            latency = measure(List.of(client), file, latencyRate, latencyRate * latencySeconds, latencySeconds + 20).get(0);
            System.out.printf("%s: latency at %,d events/s: %s%n", name, latencyRate, latency.summary());

            Thread heap = heapSampler();
            var cpuBefore = ThreadCpu.sample();
            var serverBefore = serverPid < 0 ? null : ThreadCpu.sample(serverPid);
            bulk = measure(List.of(client), file, throughputRate, throughputEvents, 120).get(0);
            var cpuAfter = ThreadCpu.sample();
            var serverAfter = serverPid < 0 ? null : ThreadCpu.sample(serverPid);
            heap.interrupt();
            heap.join();
            System.out.printf("%s: throughput, %,d events offered at %,d/s: %,d received at %,.0f events/s end to end%n",
                    name, throughputEvents, throughputRate, bulk.count(), bulk.throughput());
            System.out.printf("%s: CPU µs per received event by thread: %s%n", name,
                    ThreadCpu.perEvent(cpuBefore, cpuAfter, Math.max(1, bulk.count())));
            if (serverAfter != null) {
                System.out.printf("%s: server CPU µs per received event by thread: %s%n", name,
                        ThreadCpu.perEvent(serverBefore, serverAfter, Math.max(1, bulk.count())));
            }
            if (!heapSamples.isEmpty()) {
                System.out.printf("%s: heap used after GC every 100,000 events read (MiB): %s%n", name, heapSamples);
            }
        }
        List<BenchClient> many = new ArrayList<>();
        int fanoutMin;
        try {
            for (int i = 0; i < fanoutClients; i++) {
                many.add(new BenchClient(uri));
            }
            TimeUnit.MILLISECONDS.sleep(500); // websocketd starts a tail per connection
            int count = fanoutRate * fanoutSeconds;
            List<LatencyRecorder> each = measure(many, file, fanoutRate, count, fanoutSeconds + 30);
            fanoutMin = each.stream().mapToInt(LatencyRecorder::count).min().orElse(0);
            System.out.printf("%s: %d clients, %,d events offered at %,d/s: fewest received by one client %,d; %s (client 1)%n",
                    name, fanoutClients, count, fanoutRate, fanoutMin, each.get(0).summary());
        } finally {
            many.forEach(BenchClient::close);
        }
        return new Result(latency.p(0.50), latency.p(0.99), latency.p(1.0), bulk.count(), bulk.throughput(), fanoutMin);
    }

    private void report(Result floor, Result ours) {
        System.out.println();
        System.out.printf("%-44s %16s %16s %8s%n", "", "agentgraph", "tail|websocketd", "ratio");
        row("latency p50 (ms)", ours.p50(), floor == null ? Double.NaN : floor.p50(), "%.3f");
        row("latency p99 (ms)", ours.p99(), floor == null ? Double.NaN : floor.p99(), "%.3f");
        row("latency max (ms)", ours.max(), floor == null ? Double.NaN : floor.max(), "%.3f");
        row(String.format("one client: received of %,d at %,d/s", throughputEvents, throughputRate),
                ours.received(), floor == null ? Double.NaN : floor.received(), "%,.0f");
        row("one client: events/s end to end", ours.rate(), floor == null ? Double.NaN : floor.rate(), "%,.0f");
        row(String.format("%d clients: fewest received of %,d", fanoutClients, fanoutRate * fanoutSeconds),
                ours.fanoutMin(), floor == null ? Double.NaN : floor.fanoutMin(), "%,.0f");
    }

    private static void row(String what, double ours, double floor, String format) {
        System.out.printf("%-44s %16s %16s %8s%n", what, String.format(format, ours),
                Double.isNaN(floor) ? "-" : String.format(format, floor),
                Double.isNaN(floor) || floor == 0 ? "-" : String.format("%.2f", ours / floor));
    }

    private List<LatencyRecorder> measure(List<BenchClient> clients, Path file, int rate, int count, int timeoutSeconds)
            throws Exception {
        List<LatencyRecorder> recorders = new ArrayList<>();
        for (BenchClient client : clients) {
            LatencyRecorder recorder = new LatencyRecorder(count);
            client.record(recorder);
            recorders.add(recorder);
        }
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BenchWriter.class.getName(),
                file.toString(), Integer.toString(rate), Integer.toString(count))
                .inheritIO().start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long seen = -1;
        long lastProgress = System.nanoTime();
        // Until every event arrived, or the writer is done and nothing more came for 2 s (some were dropped).
        while (System.nanoTime() < deadline) {
            long now = recorders.stream().mapToLong(LatencyRecorder::count).sum();
            if (now >= (long) count * clients.size() || clients.stream().anyMatch(c -> c.closed.isDone())) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(20);
            if (now != seen) {
                seen = now;
                lastProgress = System.nanoTime();
            } else if (!writer.isAlive() && System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(2)) {
                break;
            }
        }
        writer.waitFor(10, TimeUnit.SECONDS);
        for (BenchClient client : clients) {
            if (client.closed.isDone()) {
                System.out.println("the server closed a connection: " + client.closed.get());
            }
        }
        return recorders;
    }

    /**
     * Every 100,000 events the server reads, the heap used after a full GC, in MiB: flat means no
     * memory grows with the number of events.
     */
    private Thread heapSampler() {
        LongSupplier events = serverEvents;
        Thread t = new Thread(() -> {
            if (events == null) {
                return;
            }
            long start = events.getAsLong();
            long next = 100_000;
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    if (events.getAsLong() - start >= next) {
                        System.gc();
                        heapSamples.add(Long.toString(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20));
                        next += 100_000;
                    }
                    TimeUnit.MILLISECONDS.sleep(10);
                }
            } catch (InterruptedException e) {
                // done
            }
        }, "heap-sampler");
        t.start();
        return t;
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException e) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
        }
        throw new IllegalStateException("nothing listens on port " + port + " after 10 s");
    }
}
