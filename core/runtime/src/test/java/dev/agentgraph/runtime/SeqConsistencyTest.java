package dev.agentgraph.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentgraph.api.Event;
import dev.agentgraph.api.Snapshots;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A snapshot with seq N reflects exactly the events numbered up to N, however many threads emit. */
class SeqConsistencyTest {

    @Test
    void snapshotsTakenWhileManyThreadsEmitMatchTheirSeq() throws Exception {
        int threads = 4;
        int perThread = 5_000;
        TestComponents.Collecting sink = new TestComponents.Collecting();
        List<Snapshots.Snapshot> snapshots = new CopyOnWriteArrayList<>();
        try (AgentGraph graph = AgentGraph.builder().set("server.port", "0")
                .set("pipeline.sink-queue-size", String.valueOf(threads * perThread))
                .component(TestComponents.reducer("count", 100, ctx -> new TestComponents.Counting()))
                .component(TestComponents.sink("sink", sink))
                .start()) {
            List<Thread> emitters = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int from = t;
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        graph.inject().emit(Event.builder("tool_use").put("t", from).put("i", i).build());
                    }
                });
                emitters.add(thread);
                thread.start();
            }
            Thread taker = new Thread(() -> {
                try {
                    while (emitters.stream().anyMatch(Thread::isAlive)) {
                        snapshots.add(graph.snapshots().take());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            taker.start();
            for (Thread thread : emitters) {
                thread.join();
            }
            taker.join();
            await().atMost(Duration.ofSeconds(20)).until(() -> sink.events.size() == threads * perThread);
            snapshots.add(graph.snapshots().take());

            assertThat(snapshots).isNotEmpty().allSatisfy(s -> {
                assertThat(s.body().get("count").getAsLong()).isEqualTo(s.seq());
                assertThat(s.body().get("seq").getAsLong()).isEqualTo(s.seq());
            });
            assertThat(snapshots.get(snapshots.size() - 1).seq()).isEqualTo(threads * perThread);
            for (int i = 0; i < sink.events.size(); i++) {
                assertThat(sink.events.get(i).seq()).isEqualTo(i + 1);
            }
            // Per emitting thread, the order of its events is kept.
            for (int t = 0; t < threads; t++) {
                int from = t;
                assertThat(sink.events.stream().filter(e -> e.string("t").equals(String.valueOf(from)))
                        .map(e -> Integer.parseInt(e.string("i"))).toList()).isSorted().hasSize(perThread);
            }
        }
    }
}
