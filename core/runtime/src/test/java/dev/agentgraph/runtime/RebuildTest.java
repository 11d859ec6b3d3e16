package dev.agentgraph.runtime;

import static dev.agentgraph.runtime.TestComponents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentgraph.api.Event;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Rebuilds;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Rebuilds}: reducers made anew and fed a recording, in order with the events before. */
class RebuildTest {

    private AgentGraph graph;

    @AfterEach
    void close() {
        if (graph != null) {
            graph.close();
        }
    }

    @Test
    void everyReducerIsMadeAnewFedWhatTheSourceGivesAndSinksAreToldOnce() throws Exception {
        List<TestComponents.Counting> made = new CopyOnWriteArrayList<>();
        AtomicReference<PluginContext> source = new AtomicReference<>();
        TestComponents.Collecting sink = new TestComponents.Collecting();
        graph = AgentGraph.builder().set("server.port", "0")
                .component(TestComponents.reducer("counting", 100, ctx -> {
                    source.compareAndSet(null, ctx);
                    TestComponents.Counting c = new TestComponents.Counting();
                    made.add(c);
                    return c;
                }))
                .component(TestComponents.sink("sink", sink))
                .start();
        for (int i = 1; i <= 3; i++) {
            graph.inject().emit(event("tool_use", i));
        }
        // Queued behind the three: they reach the old reducer and the sink first.
        source.get().rebuilds().rebuild(played -> {
            played.emit(event("tool_use", 10));
            played.emit(event("tool_use", 11));
        });
        assertThat(made).hasSize(2);
        assertThat(made.get(0).seen).extracting(e -> e.string("n")).containsExactly("1", "2", "3");
        assertThat(made.get(1).seen).extracting(e -> e.string("n")).containsExactly("10", "11");
        assertThat(made.get(1).seen).noneMatch(Event::isHistory);
        assertThat(graph.snapshots().take().body().get("count").getAsLong()).isEqualTo(2);

        graph.inject().emit(event("tool_use", 4));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.events.size() == 5);
        assertThat(sink.events).extracting(Event::type)
                .containsExactly("tool_use", "tool_use", "tool_use", Rebuilds.REBUILT, "tool_use");
        assertThat(sink.events).extracting(Event::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(made.get(1).seen).extracting(e -> e.string("n")).containsExactly("10", "11", "4");
    }

    @Test
    void aReducerThatCannotBeMadeAgainPassesEventsOnAndTheOthersStillRun() throws Exception {
        AtomicInteger makes = new AtomicInteger();
        AtomicReference<PluginContext> context = new AtomicReference<>();
        List<String> after = new CopyOnWriteArrayList<>();
        graph = AgentGraph.builder().set("server.port", "0")
                .component(TestComponents.reducer("once", 100, ctx -> {
                    context.compareAndSet(null, ctx);
                    if (makes.incrementAndGet() > 1) {
                        throw new IllegalStateException("cannot be made twice");
                    }
                    return (e, emit) -> e;
                }))
                .component(TestComponents.reducer("after", 200, ctx -> (e, emit) -> {
                    after.add(e.string("n"));
                    return e;
                }))
                .start();
        context.get().rebuilds().rebuild(played -> played.emit(event("tool_use", 7)));
        assertThat(after).containsExactly("7");
        assertThat(graph.stats().getAsJsonObject("components").getAsJsonObject("once").get("errors").getAsLong())
                .isEqualTo(1);
    }
}
