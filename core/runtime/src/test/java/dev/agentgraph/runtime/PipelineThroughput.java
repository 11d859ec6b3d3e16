package dev.agentgraph.runtime;

import dev.agentgraph.api.Emitter;
import dev.agentgraph.api.Event;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints the pipeline's throughput (events a second from one emitting thread through three
 * pass-through reducers into two counting sinks) and snapshot latency. Not a test: run it by hand,
 * {@code java -cp <test classpath> dev.agentgraph.runtime.PipelineThroughput [events]}.
 */
public final class PipelineThroughput {

    private PipelineThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        AtomicLong a = new AtomicLong();
        AtomicLong b = new AtomicLong();
        AgentGraph.Builder builder = AgentGraph.builder().set("server.port", "0").set("pipeline.sink-queue-size", "1000000");
        for (int order = 100; order <= 300; order += 100) {
            builder.component(TestComponents.reducer("r" + order, order, context -> (event, emit) -> event));
        }
        builder.component(TestComponents.sink("a", event -> a.incrementAndGet()))
                .component(TestComponents.sink("b", event -> b.incrementAndGet()));
        try (AgentGraph graph = builder.start()) {
            Emitter emit = graph.inject();
            Event e = Event.parse("{\"event\":\"tool_use\",\"agent_id\":\"a1\",\"tool\":\"Bash\",\"session_id\":\"s\"}");
            for (int i = 0; i < 100_000; i++) {
                emit.emit(e); // warm-up
            }
            while (a.get() < 100_000 || b.get() < 100_000) {
                Thread.onSpinWait();
            }
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                emit.emit(e);
            }
            while (a.get() < 100_000L + events || b.get() < 100_000L + events) {
                Thread.onSpinWait();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("pipeline: %,d events through 3 reducers to 2 sinks in %.2f s = %,.0f events/s%n",
                    events, seconds, events / seconds);
            long total = 0;
            int n = 1_000;
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                graph.snapshots().take();
                total += System.nanoTime() - t;
            }
            System.out.printf("snapshot: %.1f µs on average over %d (idle pipeline)%n", total / 1e3 / n, n);
            System.out.printf("heap used after run: %,d MiB%n",
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        }
    }
}
