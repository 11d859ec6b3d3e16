package dev.agentgraph.runtime;

import static dev.agentgraph.runtime.TestComponents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.agentgraph.api.Event;
import dev.agentgraph.api.Sink;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** One component's failure or slowness never stops the others; shutdown stays bounded. */
class IsolationTest {

    private static JsonObject statsOverHttp(AgentGraph graph) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(graph.uri("/api/stats")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    private static long component(JsonObject stats, String id, String field) {
        return stats.getAsJsonObject("components").getAsJsonObject(id).get(field).getAsLong();
    }

    @Test
    void aComponentThatThrowsOnEveryEventDoesNotStopTheOthers() throws Exception {
        TestComponents.Collecting sink = new TestComponents.Collecting();
        try (AgentGraph graph = AgentGraph.builder().set("server.port", "0")
                .component(TestComponents.reducer("bad-reducer", 100, ctx -> (e, emit) -> {
                    throw new IllegalStateException("boom");
                }))
                .component(TestComponents.reducer("good-reducer", 200, ctx -> new TestComponents.Counting()))
                .component(TestComponents.sink("bad-sink", e -> {
                    throw new IllegalStateException("sink boom");
                }))
                .component(TestComponents.sink("good-sink", sink))
                .start()) {
            for (int i = 1; i <= 20; i++) {
                graph.inject().emit(event("tool_use", i));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.events.size() == 20);
            assertThat(sink.events).extracting(e -> e.string("n")).first().isEqualTo("1");
            await().atMost(Duration.ofSeconds(10)).until(() -> component(statsOverHttp(graph), "bad-sink", "errors") == 20);
            JsonObject stats = statsOverHttp(graph);
            assertThat(component(stats, "bad-reducer", "errors")).isEqualTo(20);
            assertThat(component(stats, "good-reducer", "errors")).isZero();
            assertThat(component(stats, "good-reducer", "events_in")).isEqualTo(20);
            assertThat(component(stats, "good-sink", "events_in")).isEqualTo(20);
            assertThat(graph.snapshots().take().body().get("count").getAsLong()).isEqualTo(20);
        }
    }

    @Test
    void aSinkThatNeverReturnsDoesNotStopAnotherAndShutdownStaysBounded() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Sink stuck = e -> never.await();
        TestComponents.Collecting sink = new TestComponents.Collecting();
        AgentGraph graph = AgentGraph.builder().set("server.port", "0").set("pipeline.sink-queue-size", "4")
                .component(TestComponents.sink("stuck", stuck))
                .component(TestComponents.sink("fine", sink))
                .start();
        try {
            // In batches no larger than the queues, so that only the stuck sink can fall behind.
            for (int batch = 0; batch < 25; batch++) {
                for (int i = 1; i <= 4; i++) {
                    graph.inject().emit(event("tool_use", batch * 4 + i));
                }
                int expected = batch * 4 + 4;
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2))
                        .until(() -> sink.events.size() == expected);
            }
            JsonObject stats = statsOverHttp(graph);
            // One event is held by accept(), four wait in the queue, the rest were dropped.
            assertThat(component(stats, "stuck", "drops")).isEqualTo(95);
            assertThat(component(stats, "fine", "drops")).isZero();
        } finally {
            long start = System.nanoTime();
            graph.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        }
    }

    /**
     * The first event found the pipeline idle, so one source's own thread is stuck in the reducer;
     * the other source fills the queue and waits in {@code emit}. Neither stops when closed.
     */
    @Test
    void sourcesThatIgnoreCloseAndAStuckReducerStillLetShutdownFinish() {
        CountDownLatch never = new CountDownLatch(1);
        AgentGraph graph = AgentGraph.builder().set("server.port", "0")
                .component(TestComponents.source("busy", emit -> {
                    while (true) {
                        emit.emit(event("tool_use", 0));
                    }
                }))
                .component(TestComponents.source("busy-too", emit -> {
                    while (true) {
                        emit.emit(event("tool_use", 1));
                    }
                }))
                .component(TestComponents.reducer("slow", 100, ctx -> (e, emit) -> {
                    try {
                        never.await();
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                    return e;
                }))
                .start();
        await().atMost(Duration.ofSeconds(10)).until(() -> graph.stats().getAsJsonObject("inbound").get("queued").getAsInt()
                == graph.stats().getAsJsonObject("inbound").get("capacity").getAsInt());
        long start = System.nanoTime();
        graph.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aComponentWhoseCreateThrowsIsReportedAndTheOthersRun() {
        TestComponents.Collecting sink = new TestComponents.Collecting();
        try (AgentGraph graph = AgentGraph.builder().set("server.port", "0")
                .component(TestComponents.reducer("broken", 100, ctx -> {
                    throw new IllegalStateException("cannot make it");
                }))
                .component(TestComponents.sink("sink", sink))
                .start()) {
            graph.inject().emit(event("tool_use", 1));
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.events.size() == 1);
            JsonObject broken = graph.stats().getAsJsonObject("components").getAsJsonObject("broken");
            assertThat(broken.get("state").getAsString()).isEqualTo("failed");
            assertThat(broken.get("error").getAsString()).contains("cannot make it");
        }
    }

    @Test
    void aReducerMayNotTakeASnapshotOnThePipelineThread() {
        TestComponents.Collecting sink = new TestComponents.Collecting();
        try (AgentGraph graph = AgentGraph.builder().set("server.port", "0")
                .component(TestComponents.reducer("greedy", 100, ctx -> (e, emit) -> {
                    try {
                        ctx.snapshots().take();
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                    return e;
                }))
                .component(TestComponents.sink("sink", sink))
                .start()) {
            graph.inject().emit(Event.builder("tool_use").build());
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.events.size() == 1);
            assertThat(graph.stats().getAsJsonObject("components").getAsJsonObject("greedy").get("errors").getAsLong())
                    .isEqualTo(1);
        }
    }
}
