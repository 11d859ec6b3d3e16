package dev.agentgraph.plugins.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.agentgraph.api.Event;
import dev.agentgraph.plugins.alive.AliveAgentsFactory;
import dev.agentgraph.plugins.jsonltail.JsonlTailFactory;
import dev.agentgraph.plugins.tools.ToolAggregatorFactory;
import dev.agentgraph.testkit.EventFiles;
import dev.agentgraph.testkit.TestAgentGraph;
import dev.agentgraph.testkit.WsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default pipeline end to end: a real file, the real server, real WebSocket clients. */
class StreamTest {

    private static final String SMOKE1 = "{\"ts\":\"2026-05-02T13:00:00.000Z\",\"event\":\"agent_spawn\",\"id\":\"smoke1\","
            + "\"subagent_type\":\"researcher\",\"model\":\"sonnet\",\"prompt_preview\":\"test\"}";
    private static final String SMOKE1_DONE = "{\"ts\":\"2026-05-02T13:00:01.000Z\",\"event\":\"agent_done\",\"id\":\"smoke1\","
            + "\"outcome\":\"functional\",\"duration_ms\":1000,\"cost_usd\":0.0123}";

    @TempDir
    Path dir;

    private TestAgentGraph.Builder pipeline(Path events) {
        return TestAgentGraph.builder()
                .component(new JsonlTailFactory())
                .component(new AliveAgentsFactory())
                .component(new ToolAggregatorFactory())
                .component(new WebSocketSinkFactory())
                .eventsFile(events);
    }

    private static List<String> alive(JsonObject snapshot) {
        return StreamSupport.stream(snapshot.getAsJsonArray("alive").spliterator(), false)
                .map(e -> e.getAsJsonObject().get("id").getAsString()).collect(Collectors.toList());
    }

    private static boolean isEvent(JsonObject frame, String type, String id) {
        if (!"event".equals(frame.get("type").getAsString())) {
            return false;
        }
        JsonObject data = frame.getAsJsonObject("data");
        return type.equals(data.get("event").getAsString()) && id.equals(data.get("id").getAsString());
    }

    private static long countEventFrames(WsClient client) {
        return client.frames().stream().filter(f -> "event".equals(f.get("type").getAsString())).count();
    }

    @Test
    void theSeedScenarioAgainstTheRealServer() throws Exception {
        Path events = dir.resolve("agent-events.jsonl");
        Files.createFile(events);
        try (TestAgentGraph graph = pipeline(events).start(); WsClient first = WsClient.connect(graph.ws("/stream"))) {
            JsonObject empty = first.snapshot();
            assertThat(alive(empty)).isEmpty();
            assertThat(empty.getAsJsonArray("sessions")).isEmpty();
            assertThat(empty.getAsJsonArray("tools")).isEmpty();

            EventFiles.append(events, SMOKE1);
            JsonObject frame = first.awaitFrame(f -> isEvent(f, "agent_spawn", "smoke1"));
            assertThat(frame.get("seq").getAsLong()).isGreaterThan(empty.get("seq").getAsLong());
            assertThat(frame.getAsJsonObject("data").get("prompt_preview").getAsString()).isEqualTo("test");

            try (WsClient second = WsClient.connect(graph.ws("/stream"))) {
                assertThat(alive(second.snapshot())).containsExactly("smoke1");
            }

            EventFiles.append(events, SMOKE1_DONE);
            first.awaitFrame(f -> isEvent(f, "agent_done", "smoke1"));
            try (WsClient third = WsClient.connect(graph.ws("/stream"))) {
                assertThat(alive(third.snapshot())).isEmpty();
            }
        }
    }

    @Test
    void aRestartRebuildsAliveAgentsFromHistoryWithoutSendingThemAsNew() throws Exception {
        Path events = dir.resolve("agent-events.jsonl");
        String now = Instant.now().toString();
        EventFiles.append(events,
                "{\"ts\":\"" + now + "\",\"event\":\"agent_spawn\",\"session_id\":\"s1\",\"id\":\"still-running\"}",
                "{\"ts\":\"" + now + "\",\"event\":\"agent_spawn\",\"session_id\":\"s1\",\"id\":\"finished\"}",
                "{\"ts\":\"" + now + "\",\"event\":\"tool_use\",\"session_id\":\"s1\",\"agent_id\":\"still-running\",\"tool\":\"Bash\"}",
                "{\"ts\":\"" + now + "\",\"event\":\"agent_done\",\"session_id\":\"s1\",\"id\":\"finished\"}");

        try (TestAgentGraph graph = pipeline(events).start(); WsClient client = WsClient.connect(graph.ws("/stream"))) {
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    graph.stats().getAsJsonObject("components").getAsJsonObject("jsonl-tail")
                            .getAsJsonObject("counters").get("events").getAsLong() == 4);
            try (WsClient late = WsClient.connect(graph.ws("/stream"))) {
                JsonObject snapshot = late.snapshot();
                assertThat(alive(snapshot)).containsExactly("still-running");
                assertThat(snapshot.getAsJsonArray("tools").get(0).getAsJsonObject().get("total").getAsLong()).isEqualTo(1);
            }

            EventFiles.append(events, "{\"event\":\"agent_spawn\",\"session_id\":\"s1\",\"id\":\"new\"}");

            client.awaitFrame(f -> isEvent(f, "agent_spawn", "new"));
            List<String> sent = client.frames().stream()
                    .filter(f -> "event".equals(f.get("type").getAsString()))
                    .map(f -> f.getAsJsonObject("data").get("event").getAsString() + ":"
                            + (f.getAsJsonObject("data").has("id") ? f.getAsJsonObject("data").get("id").getAsString() : ""))
                    .filter(s -> !s.startsWith("tool_stats"))
                    .collect(Collectors.toList());
            assertThat(sent).as("history is not sent as new").containsExactly("agent_spawn:new");
        }
    }

    @Test
    void clientsJoiningWhileEventsFlowNeitherMissNorDoubleOne() throws Exception {
        int total = 1000;
        // A bound high enough for a burst to four test clients; slowness is tested below.
        try (TestAgentGraph graph = pipeline(dir.resolve("events.jsonl"))
                .set("plugin.websocket.max-pending-frames", "100000").start()) {
            List<WsClient> clients = new ArrayList<>();
            Thread producer = new Thread(() -> {
                for (int i = 1; i <= total; i++) {
                    graph.emit(Event.builder("tool_use").put("agent_id", "main").put("tool", "Bash").put("n", i).build());
                }
            });
            try {
                clients.add(WsClient.connect(graph.ws("/stream")));
                producer.start();
                for (int i = 0; i < 3; i++) {
                    clients.add(WsClient.connect(graph.ws("/stream")));
                }
                producer.join();
                await().atMost(Duration.ofSeconds(30)).until(() -> graph.stats().get("seq").getAsLong() >= total);
                long lastSeq = graph.stats().get("seq").getAsLong();
                for (WsClient client : clients) {
                    // A client that joined late has the last calls in its snapshot, not as frames; the
                    // tool_stats that follow the last call within a second are frames for everyone.
                    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                            .until(() -> client.frames().stream().anyMatch(f -> "event".equals(f.get("type").getAsString())
                                    && f.get("seq").getAsLong() > lastSeq));
                    long snapshotSeq = client.snapshot().get("seq").getAsLong();
                    List<Long> seqs = client.frames().stream().skip(1)
                            .filter(f -> "event".equals(f.get("type").getAsString()))
                            .map(f -> f.get("seq").getAsLong()).collect(Collectors.toList());
                    assertThat(seqs).as("every event after the snapshot, once, in order").isNotEmpty();
                    assertThat(seqs.get(0)).isEqualTo(snapshotSeq + 1);
                    for (int i = 1; i < seqs.size(); i++) {
                        assertThat(seqs.get(i)).isEqualTo(seqs.get(i - 1) + 1);
                    }
                    long countedInSnapshot = StreamSupport.stream(client.snapshot().getAsJsonArray("tools").spliterator(), false)
                            .mapToLong(t -> t.getAsJsonObject().get("total").getAsLong()).sum();
                    long toolUsesAfter = client.frames().stream().skip(1)
                            .filter(f -> "event".equals(f.get("type").getAsString()))
                            .filter(f -> "tool_use".equals(f.getAsJsonObject("data").get("event").getAsString())).count();
                    assertThat(countedInSnapshot + toolUsesAfter).as("snapshot plus live frames cover each call once").isEqualTo(total);
                }
            } finally {
                clients.forEach(WsClient::close);
            }
        }
    }

    @Test
    void aStalledClientIsClosedAndCountedWithoutDelayingAnother() throws Exception {
        try (TestAgentGraph graph = TestAgentGraph.builder().component(new WebSocketSinkFactory()).start();
             WsClient healthy = WsClient.connect(graph.ws("/stream"));
             RawUpgrade stalled = RawUpgrade.open(graph.port(), "/stream", "127.0.0.1:" + graph.port(), 4096)) {
            assertThat(stalled.status()).isEqualTo(101);
            healthy.snapshot();
            await().atMost(Duration.ofSeconds(10)).until(() -> counter(graph, "clients_opened") == 2);

            // 1 KB events at 2,000/s until the stalled socket's buffers (a few MB) and its 1,024
            // outstanding frames are full, then 200 more: the reading client must get every one.
            String padding = "x".repeat(1000);
            long started = System.nanoTime();
            int sent = 0;
            long deadline = started + Duration.ofSeconds(30).toNanos();
            while (counter(graph, "clients_too_slow") == 0 && System.nanoTime() < deadline) {
                for (int i = 0; i < 100; i++) {
                    sent++;
                    graph.emit(Event.builder("tool_use").put("tool", "Bash").put("n", sent).put("pad", padding).build());
                    LockSupport.parkNanos(started + sent * 500_000L - System.nanoTime());
                }
            }
            assertThat(counter(graph, "clients_too_slow")).as("the stalled client was closed").isEqualTo(1);
            for (int i = 0; i < 200; i++) {
                sent++;
                graph.emit(Event.builder("tool_use").put("tool", "Bash").put("n", sent).put("pad", padding).build());
                LockSupport.parkNanos(started + sent * 500_000L - System.nanoTime());
            }
            long lastSent = System.nanoTime();
            int total = sent;
            healthy.awaitFrame(f -> "event".equals(f.get("type").getAsString())
                    && f.getAsJsonObject("data").get("n").getAsInt() == total);
            Duration behind = Duration.ofNanos(System.nanoTime() - lastSent);

            assertThat(countEventFrames(healthy)).as("the reading client got every event").isEqualTo(total);
            assertThat(healthy.isClosed()).isFalse();
            assertThat(behind).as("the reading client kept up while the other stalled").isLessThan(Duration.ofSeconds(3));
            assertThat(graph.stats().getAsJsonObject("components").getAsJsonObject("websocket").get("drops").getAsLong())
                    .as("the sink kept up").isZero();
        }
    }

    private static long counter(TestAgentGraph graph, String name) {
        JsonElement value = graph.stats().getAsJsonObject("components").getAsJsonObject("websocket")
                .getAsJsonObject("counters").get(name);
        return value == null ? 0 : value.getAsLong();
    }

    @Test
    void aForeignOriginIsRefusedAndOurOwnAccepted() {
        try (TestAgentGraph graph = TestAgentGraph.builder().component(new WebSocketSinkFactory()).start()) {
            assertThatThrownBy(() -> WsClient.connect(graph.ws("/stream"), Map.of("Origin", "http://evil.example")))
                    .isInstanceOfSatisfying(WsClient.HandshakeFailed.class, e -> assertThat(e.status()).isEqualTo(403));

            try (WsClient own = WsClient.connect(graph.ws("/stream"), Map.of("Origin", "http://127.0.0.1:" + graph.port()))) {
                assertThat(own.snapshot().get("type").getAsString()).isEqualTo("snapshot");
            }
            assertThat(counter(graph, "clients_opened")).as("only our own origin got a stream").isEqualTo(1);
        }
    }

    @Test
    void aForeignHostIsRefusedOnTheStream() throws Exception {
        try (TestAgentGraph graph = TestAgentGraph.builder().component(new WebSocketSinkFactory()).start();
             RawUpgrade evil = RawUpgrade.open(graph.port(), "/stream", "evil.example:" + graph.port(), 65536);
             RawUpgrade evilNoPort = RawUpgrade.open(graph.port(), "/stream", "evil.example", 65536)) {
            assertThat(evil.status()).isIn(403, 421);
            assertThat(evilNoPort.status()).isIn(403, 421);
            assertThat(evil.response).doesNotContainIgnoringCase("Sec-WebSocket-Accept");
            assertThat(counter(graph, "clients_opened")).isZero();
        }
    }

    @Test
    void framesCarryTheirSequenceAndPingsComeAtTheInterval() throws Exception {
        try (TestAgentGraph graph = TestAgentGraph.builder().component(new WebSocketSinkFactory())
                .set("plugin.websocket.ping-interval", "200ms").start();
             WsClient client = WsClient.connect(graph.ws("/stream"))) {
            client.snapshot();
            Event event = Event.parse("{\"event\":\"waiting\",\"session_id\":\"s1\",\"message\":\"<b>hi</b>\"}");
            graph.emit(event);

            JsonObject frame = client.awaitFrame(f -> "event".equals(f.get("type").getAsString()));
            assertThat(frame.getAsJsonObject("data")).isEqualTo(event.json());
            JsonObject ping = client.awaitFrame(f -> "ping".equals(f.get("type").getAsString()));
            assertThat(ping.get("seq").getAsLong()).isEqualTo(frame.get("seq").getAsLong());
        }
    }
}
