package dev.agentgraph.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import dev.agentgraph.api.Event;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Sink;
import dev.agentgraph.api.SinkFactory;
import dev.agentgraph.api.WebSocketConnection;
import dev.agentgraph.api.WebSocketEndpoint;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The testkit against a real AgentGraph with a tiny broadcasting sink of its own. */
class TestkitTest {

    /** Sends a snapshot on connect, then every event; closes 4000 on the text "bye". */
    static final class BroadcastSink implements SinkFactory {
        final Set<WebSocketConnection> open = ConcurrentHashMap.newKeySet();
        final List<String> eventsFiles = new CopyOnWriteArrayList<>();

        @Override
        public String id() {
            return "broadcast";
        }

        @Override
        public Sink create(PluginContext context) {
            eventsFiles.add(context.eventsFile().toString());
            context.routes().websocket("/stream", new WebSocketEndpoint() {
                @Override
                public void onOpen(WebSocketConnection c) {
                    try {
                        c.send(context.snapshots().take().body().toString(), f -> { });
                        open.add(c);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }

                @Override
                public void onText(WebSocketConnection c, String text) {
                    if (text.equals("bye")) {
                        c.close(4000, "bye");
                    }
                }

                @Override
                public void onClose(WebSocketConnection c, int code, String reason) {
                    open.remove(c);
                }
            });
            return event -> {
                JsonObject frame = new JsonObject();
                frame.addProperty("type", "event");
                frame.add("data", event.json());
                open.forEach(c -> c.send(frame.toString(), f -> { }));
            };
        }
    }

    @Test
    void aClientGetsTheSnapshotThenTheEventsItAwaits() {
        BroadcastSink sink = new BroadcastSink();
        try (TestAgentGraph graph = TestAgentGraph.builder().component(sink).start();
             WsClient ws = WsClient.connect(graph.ws("/stream"))) {
            assertThat(graph.ws("/stream").toString()).isEqualTo("ws://127.0.0.1:" + graph.port() + "/stream");
            JsonObject snapshot = ws.snapshot();
            assertThat(snapshot.get("seq").getAsLong()).isZero();
            await().until(() -> sink.open.size() == 1);

            graph.emit(Event.builder("agent_spawn").put("id", "a1").build());
            graph.emit(Event.builder("agent_done").put("id", "a1").build());
            JsonObject done = ws.awaitFrame(f -> f.has("data")
                    && f.getAsJsonObject("data").get("event").getAsString().equals("agent_done"));
            assertThat(done.getAsJsonObject("data").get("id").getAsString()).isEqualTo("a1");
            assertThat(ws.frames()).hasSize(3);
            assertThat(graph.stats().getAsJsonObject("components").getAsJsonObject("broadcast")
                    .get("events_in").getAsLong()).isEqualTo(2);
            assertThat(sink.eventsFiles.get(0)).doesNotContain(".claude");
        }
    }

    @Test
    void awaitClosedSeesTheServersCloseCode() {
        try (TestAgentGraph graph = TestAgentGraph.builder().component(new BroadcastSink()).start();
             WsClient ws = WsClient.connect(graph.ws("/stream"), Map.of("Origin", "http://127.0.0.1:" + graph.port()))) {
            ws.snapshot();
            assertThat(ws.closeCode()).isEqualTo(-1);
            ws.send("bye");
            ws.awaitClosed();
            assertThat(ws.closeCode()).isEqualTo(4000);
        }
    }

    @Test
    void aRefusedUpgradeSaysItsStatus() {
        try (TestAgentGraph graph = TestAgentGraph.builder().component(new BroadcastSink()).start()) {
            assertThatThrownBy(() -> WsClient.connect(graph.ws("/stream"), Map.of("Origin", "https://evil.example")))
                    .isInstanceOfSatisfying(WsClient.HandshakeFailed.class, e -> assertThat(e.status()).isEqualTo(403));
        }
    }

    @Test
    void statsAreServedOverHttp() throws Exception {
        try (TestAgentGraph graph = TestAgentGraph.builder().start()) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(graph.http("/api/stats")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"uptime_ms\"");
        }
    }

    @Test
    void appendedLinesStayWholeWhenManyThreadsAppendAtOnce(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/events.jsonl");
        String line = "{\"event\":\"tool_use\",\"pad\":\"" + "x".repeat(2000) + "\"}";
        var pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 200; i++) {
            pool.submit(() -> EventFiles.append(file, line, line));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(400).containsOnly(line);
    }
}
