package dev.agentgraph.runtime;

import static dev.agentgraph.runtime.TestComponents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import dev.agentgraph.api.Emitter;
import dev.agentgraph.api.Event;
import dev.agentgraph.api.Reducer;
import dev.agentgraph.api.Snapshots;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Events through a real AgentGraph (real server on port 0) with test components. */
class PipelineFlowTest {

    private AgentGraph graph;

    @AfterEach
    void close() {
        if (graph != null) {
            graph.close();
        }
    }

    private static AgentGraph.Builder builder() {
        return AgentGraph.builder().set("server.port", "0");
    }

    @Test
    void anEventFromASourceReachesTheReducersInOrderThenTheSink() {
        List<String> order = new CopyOnWriteArrayList<>();
        TestComponents.Collecting sink = new TestComponents.Collecting();
        graph = builder()
                .component(TestComponents.source("src", emit -> {
                    for (int i = 1; i <= 3; i++) {
                        emit.emit(event("tool_use", i));
                    }
                }))
                // Added in the wrong order on purpose: order() decides.
                .component(TestComponents.reducer("second", 200, ctx -> (e, emit) -> {
                    order.add("second:" + e.string("n") + ":" + e.string("tag"));
                    return e;
                }))
                .component(TestComponents.reducer("first", 100, ctx -> (e, emit) -> {
                    order.add("first:" + e.string("n"));
                    return e.toBuilder().put("tag", "seen").build();
                }))
                .component(TestComponents.sink("sink", sink))
                .start();

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.events.size() == 3);
        assertThat(order).containsExactly("first:1", "second:1:seen", "first:2", "second:2:seen", "first:3", "second:3:seen");
        assertThat(sink.events).extracting(Event::seq).containsExactly(1L, 2L, 3L);
        assertThat(sink.events).extracting(e -> e.string("tag")).containsOnly("seen");
        JsonObject src = graph.stats().getAsJsonObject("components").getAsJsonObject("src");
        assertThat(src.get("events_out").getAsLong()).isEqualTo(3);
        assertThat(src.get("kind").getAsString()).isEqualTo("source");
    }

    @Test
    void derivedEventsEnterTheNextStageBeforeTheReturnedOne() {
        TestComponents.Collecting sink = new TestComponents.Collecting();
        graph = builder()
                .component(TestComponents.reducer("deriver", 100, ctx -> (e, emit) -> {
                    if (e.type().equals("parent")) {
                        emit.emit(Event.builder("child").put("k", 1).build());
                        emit.emit(Event.builder("child").put("k", 2).build());
                    }
                    return e;
                }))
                .component(TestComponents.sink("sink", sink))
                .start();

        graph.inject().emit(Event.builder("parent").build());
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.events.size() == 3);
        assertThat(sink.events).extracting(e -> e.type() + e.string("k", "")).containsExactly("child1", "child2", "parent");
        assertThat(sink.events).extracting(Event::seq).containsExactly(1L, 2L, 3L);
    }

    @Test
    void untypedEventsAreDroppedAndCountedAndHistoryReachesReducersOnly() {
        TestComponents.Counting counting = new TestComponents.Counting();
        TestComponents.Collecting sink = new TestComponents.Collecting();
        graph = builder()
                .component(TestComponents.reducer("count", 100, ctx -> counting))
                .component(TestComponents.sink("sink", sink))
                .start();

        JsonObject untyped = new JsonObject();
        untyped.addProperty("hook_event_name", "PreToolUse");
        graph.inject().emit(Event.of(untyped));
        graph.inject().emit(event("agent_spawn", 1).asHistory());
        graph.inject().emit(event("agent_spawn", 2));

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.events.size() == 1);
        assertThat(sink.events.get(0).string("n")).isEqualTo("2");
        assertThat(counting.seen).hasSize(3);
        JsonObject pipeline = graph.stats().getAsJsonObject("pipeline");
        assertThat(pipeline.getAsJsonObject("counters").get("untyped_dropped").getAsLong()).isEqualTo(1);
        assertThat(pipeline.getAsJsonObject("counters").get("history").getAsLong()).isEqualTo(1);
    }

    @Test
    void aReducersSnapshotPartReachesTheSnapshotWithTheMatchingSeq() throws Exception {
        TestComponents.Collecting sink = new TestComponents.Collecting();
        graph = builder()
                .component(TestComponents.reducer("count", 200, ctx -> new TestComponents.Counting()))
                .component(TestComponents.reducer("names", 100, ctx -> new Reducer() {
                    @Override
                    public Event reduce(Event event, Emitter emit) {
                        return event;
                    }

                    @Override
                    public void snapshot(JsonObject snapshot) {
                        snapshot.addProperty("names", "part");
                        snapshot.addProperty("type", "not-a-snapshot");
                    }
                }))
                .component(TestComponents.sink("sink", sink))
                .start();
        for (int i = 0; i < 5; i++) {
            graph.inject().emit(event("tool_use", i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.events.size() == 5);

        Snapshots.Snapshot snapshot = graph.snapshots().take();
        assertThat(snapshot.seq()).isEqualTo(5);
        assertThat(snapshot.body().get("type").getAsString()).isEqualTo("snapshot");
        assertThat(snapshot.body().get("seq").getAsLong()).isEqualTo(5);
        assertThat(snapshot.body().get("count").getAsLong()).isEqualTo(5);
        assertThat(snapshot.body().get("names").getAsString()).isEqualTo("part");
    }

    @Test
    void aSinkTakesSnapshotsOnItsOwnThreadThatCoverWhatItReceived() {
        List<String> checks = new CopyOnWriteArrayList<>();
        graph = builder()
                .component(TestComponents.reducer("count", 100, ctx -> new TestComponents.Counting()))
                .component(new dev.agentgraph.api.SinkFactory() {
                    @Override
                    public String id() {
                        return "snapshotter";
                    }

                    @Override
                    public dev.agentgraph.api.Sink create(dev.agentgraph.api.PluginContext context) {
                        return event -> {
                            Snapshots.Snapshot s = context.snapshots().take();
                            checks.add(event.seq() + "<=" + s.seq() + ":" + (s.body().get("count").getAsLong() == s.seq()));
                        };
                    }
                })
                .start();
        for (int i = 1; i <= 10; i++) {
            graph.inject().emit(event("tool_use", i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> checks.size() == 10);
        for (String check : checks) {
            String[] parts = check.split("<=|:");
            assertThat(Long.parseLong(parts[0])).isLessThanOrEqualTo(Long.parseLong(parts[1]));
            assertThat(parts[2]).isEqualTo("true");
        }
    }

    /**
     * A lone event found the pipeline idle: the source's own thread ran it through the reducers
     * and the inline sink (one hand-off fewer). Under load from two sources at once, each
     * source's events still reach the reducers in the order it emitted them, numbered without a
     * gap, whichever thread ran them.
     */
    @Test
    void anEventThatFindsThePipelineIdleRunsOnItsSourcesThreadAndOrderHoldsUnderLoad() throws Exception {
        int each = 20_000;
        List<String> threads = new CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.Map<String, Long> lastBySource = new java.util.HashMap<>(); // reducer state: no lock
        List<String> disorder = new CopyOnWriteArrayList<>();
        TestComponents.Collecting sink = new TestComponents.Collecting();
        graph = builder()
                .component(TestComponents.source("lone", emit -> emit.emit(event("tool_use", 0).toBuilder()
                        .put("source", "lone").build())))
                .component(TestComponents.reducer("watch", 100, ctx -> (e, emit) -> {
                    if ("lone".equals(e.string("source"))) {
                        threads.add(Thread.currentThread().getName());
                    }
                    String source = e.string("source");
                    long n = Long.parseLong(e.string("n"));
                    Long last = lastBySource.put(source, n);
                    if (last != null && n != last + 1) {
                        disorder.add(source + ": " + n + " after " + last);
                    }
                    return e;
                }))
                .component(TestComponents.sink("sink", sink))
                .start();
        await().atMost(Duration.ofSeconds(10)).until(() -> threads.size() == 1);
        assertThat(threads).containsExactly("test-source-lone");

        List<Thread> loaders = new java.util.ArrayList<>();
        for (String source : List.of("a", "b")) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 1; i <= each; i++) {
                    graph.inject().emit(event("tool_use", i).toBuilder().put("source", source).build());
                }
            }, "load-" + source);
            t.start();
            loaders.add(t);
        }
        go.countDown();
        for (Thread t : loaders) {
            t.join(30_000);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> sink.events.size() == 1 + 2 * each);
        assertThat(disorder).isEmpty();
        assertThat(lastBySource).containsEntry("a", (long) each).containsEntry("b", (long) each);
        for (int i = 0; i < sink.events.size(); i++) {
            assertThat(sink.events.get(i).seq()).isEqualTo(i + 1L);
        }
    }

    /**
     * An inline sink runs with the reducers (on the thread that ran the event: the emitter's when
     * the pipeline was idle, else the pipeline thread): each event as it leaves the reducers, a
     * flush once nothing more waits (so after a burst, not after each event), and a snapshot taken
     * in accept is the state after exactly that event.
     */
    @Test
    void anInlineSinkGetsEachEventWithItsSnapshotAndAFlushAfterTheBurst() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        graph = builder()
                .component(TestComponents.reducer("count", 100, ctx -> new TestComponents.Counting()))
                .component(TestComponents.reducer("gate", 150, ctx -> (e, emit) -> {
                    if ("1".equals(e.string("n"))) {
                        entered.countDown();
                        await().atMost(Duration.ofSeconds(10)).until(() -> release.getCount() == 0);
                    }
                    return e;
                }))
                .component(new dev.agentgraph.api.SinkFactory() {
                    @Override
                    public String id() {
                        return "inline";
                    }

                    @Override
                    public dev.agentgraph.api.Sink create(dev.agentgraph.api.PluginContext context) {
                        return new dev.agentgraph.api.Sink() {
                            @Override
                            public boolean inline() {
                                return true;
                            }

                            @Override
                            public void accept(Event event) throws InterruptedException {
                                Snapshots.Snapshot s = context.snapshots().take();
                                calls.add("accept " + event.seq() + " snapshot " + s.seq() + " count "
                                        + s.body().get("count").getAsLong() + " on " + Thread.currentThread().getName());
                            }

                            @Override
                            public void flush() {
                                calls.add("flush");
                            }
                        };
                    }
                })
                .start();
        Thread first = new Thread(() -> graph.inject().emit(event("tool_use", 1)), "emitter");
        first.start(); // the pipeline is idle: this thread runs event 1, held by the gate
        entered.await();
        graph.inject().emit(event("tool_use", 2)); // 2 and 3 queue behind it
        graph.inject().emit(event("tool_use", 3));
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.contains("flush"));
        assertThat(calls).containsExactly(
                "accept 1 snapshot 1 count 1 on emitter",
                "accept 2 snapshot 2 count 2 on agentgraph-pipeline",
                "accept 3 snapshot 3 count 3 on agentgraph-pipeline",
                "flush");
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).doesNotContain("agentgraph-sink-inline");
        JsonObject inline = graph.stats().getAsJsonObject("components").getAsJsonObject("inline");
        assertThat(inline.get("events_in").getAsLong()).isEqualTo(3);
        assertThat(inline.get("events_out").getAsLong()).isEqualTo(3);
    }

    @Test
    void reducersTickAboutOnceASecondAndTheirDerivedEventsAreNumbered() {
        List<java.time.Instant> ticks = new CopyOnWriteArrayList<>();
        TestComponents.Collecting sink = new TestComponents.Collecting();
        java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.parse("2026-01-01T00:00:00Z"), java.time.ZoneOffset.UTC);
        graph = builder().clock(clock)
                .component(TestComponents.reducer("ticker", 100, ctx -> new Reducer() {
                    @Override
                    public Event reduce(Event event, Emitter emit) {
                        return event;
                    }

                    @Override
                    public void tick(java.time.Instant now, Emitter emit) {
                        ticks.add(now);
                        emit.emit(Event.builder("tool_stats").build());
                    }
                }))
                .component(TestComponents.sink("sink", sink))
                .start();
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.events.size() >= 2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(900));
        assertThat(ticks).first().isEqualTo(clock.instant());
        assertThat(sink.events.get(0).seq()).isEqualTo(1);
        assertThat(sink.events.get(1).type()).isEqualTo("tool_stats");
    }
}
