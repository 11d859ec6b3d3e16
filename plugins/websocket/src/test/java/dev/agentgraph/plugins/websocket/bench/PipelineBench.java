package dev.agentgraph.plugins.websocket.bench;

import dev.agentgraph.plugins.alive.AliveAgentsFactory;
import dev.agentgraph.plugins.jsonltail.JsonlTailFactory;
import dev.agentgraph.plugins.tools.ToolAggregatorFactory;
import dev.agentgraph.plugins.websocket.WebSocketSinkFactory;
import dev.agentgraph.testkit.TestAgentGraph;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The pipeline benchmark: a separate writer process appends events to a real file at a steady
 * rate; AgentGraph (jsonl-tail, alive-agents, tool-aggregator, websocket) serves them; a real
 * WebSocket client measures write-to-frame latency and end-to-end throughput.
 *
 * <p>Usage: {@code PipelineBench [--external ws://HOST:PORT/ FILE]}. With {@code --external} it
 * only writes FILE and reads that server (the {@code tail -F | websocketd} floor).
 * Settings (system properties): {@code bench.latency.rate} (1000), {@code bench.latency.seconds}
 * (10), {@code bench.throughput.events} (1000000), {@code bench.throughput.rate} (50000).
 */
public final class PipelineBench {

    private final int latencyRate = Integer.getInteger("bench.latency.rate", 1000);
    private final int latencySeconds = Integer.getInteger("bench.latency.seconds", 10);
    private final int throughputEvents = Integer.getInteger("bench.throughput.events", 1_000_000);
    private final int throughputRate = Integer.getInteger("bench.throughput.rate", 50_000);
    private final List<String> heapSamples = new CopyOnWriteArrayList<>();
    /** Events the server has read so far, when it runs in this JVM; heap is sampled by it. */
    private volatile LongSupplier serverEvents;

    public static void main(String[] args) throws Exception {
        PipelineBench bench = new PipelineBench();
        if (args.length == 3 && args[0].equals("--external")) {
            bench.run("tail -F | websocketd", URI.create(args[1]), Path.of(args[2]));
        } else {
            Path dir = Files.createTempDirectory("agentgraph-bench");
            Path file = dir.resolve("agent-events.jsonl");
            try (TestAgentGraph graph = TestAgentGraph.builder()
                    .component(new JsonlTailFactory())
                    .component(new AliveAgentsFactory())
                    .component(new ToolAggregatorFactory())
                    .component(new WebSocketSinkFactory())
                    .eventsFile(file)
                    .start()) {
                bench.serverEvents = () -> graph.stats().getAsJsonObject("components").getAsJsonObject("jsonl-tail")
                        .getAsJsonObject("counters").get("events").getAsLong();
                bench.run("agentgraph", graph.ws("/stream"), file);
                System.out.printf("agentgraph: websocket sink drops=%s, clients closed as too slow=%s%n",
                        graph.stats().getAsJsonObject("components").getAsJsonObject("websocket").get("drops"),
                        graph.stats().getAsJsonObject("components").getAsJsonObject("websocket")
                                .getAsJsonObject("counters").get("clients_too_slow"));
            }
        }
        System.exit(0);
    }

    private void run(String name, URI uri, Path file) throws Exception {
        try (BenchClient client = new BenchClient(uri)) {
            // Warm-up: let the JIT compile the path before measuring.
            measure(client, file, 20_000, 20_000, 30);

            LatencyRecorder latency = measure(client, file, latencyRate, latencyRate * latencySeconds, latencySeconds + 20);
            System.out.printf("%s: latency at %,d events/s: %s%n", name, latencyRate, latency.summary());

            Thread heap = heapSampler();
            var cpuBefore = ThreadCpu.sample();
            LatencyRecorder bulk = measure(client, file, throughputRate, throughputEvents, 120);
            var cpuAfter = ThreadCpu.sample();
            heap.interrupt();
            heap.join();
            System.out.printf("%s: throughput, %,d events offered at %,d/s: %,d received at %,.0f events/s end to end%n",
                    name, throughputEvents, throughputRate, bulk.count(), bulk.throughput());
            System.out.printf("%s: CPU µs per received event by thread: %s%n", name,
                    ThreadCpu.perEvent(cpuBefore, cpuAfter, Math.max(1, bulk.count())));
            if (!heapSamples.isEmpty()) {
                System.out.printf("%s: heap used after GC every 100,000 events read (MiB): %s%n", name, heapSamples);
            }
        }
    }

    private LatencyRecorder measure(BenchClient client, Path file, int rate, int count, int timeoutSeconds) throws Exception {
        LatencyRecorder recorder = new LatencyRecorder(count);
        client.record(recorder);
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BenchWriter.class.getName(),
                file.toString(), Integer.toString(rate), Integer.toString(count))
                .inheritIO().start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        int seen = -1;
        long lastProgress = System.nanoTime();
        // Until every event arrived, or the writer is done and nothing more came for 2 s (some were dropped).
        while (recorder.count() < count && System.nanoTime() < deadline && !client.closed.isDone()) {
            TimeUnit.MILLISECONDS.sleep(20);
            int now = recorder.count();
            if (now != seen) {
                seen = now;
                lastProgress = System.nanoTime();
            } else if (!writer.isAlive() && System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(2)) {
                break;
            }
        }
        writer.waitFor(10, TimeUnit.SECONDS);
        if (client.closed.isDone()) {
            System.out.println("the server closed the connection: " + client.closed.get());
        }
        return recorder;
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
}
