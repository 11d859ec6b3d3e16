package dev.agentgraph.plugins.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.agentgraph.plugins.alive.AliveAgentsFactory;
import dev.agentgraph.plugins.websocket.WebSocketSinkFactory;
import dev.agentgraph.testkit.TestAgentGraph;
import dev.agentgraph.testkit.WsClient;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jumping in a live {@code --replay}: the reducers' state is rebuilt at the chosen moment, forwards
 * and backwards, and equals what the recording says is alive then (worked out here from the
 * recording's own times); an open page is sent that state on its connection; playing goes on from
 * there to the same end as a run straight through.
 */
class ReplaySeekTest {

    private static final Instant T0 = Instant.parse("2026-05-02T13:00:00Z");
    private static final int AGENTS = 10;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    /** Agent i is spawned at i s; an even one is done 3 s later; the last line is at 12 s. */
    private Path recording() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(line(0, "{\"event\":\"session_start\",\"session_id\":\"s1\",\"cwd\":\"/w/p\""));
        for (int i = 0; i < AGENTS; i++) {
            lines.add(line(i * 1000L, "{\"event\":\"agent_spawn\",\"session_id\":\"s1\",\"id\":\"a" + i + "\""));
            if (i % 2 == 0) {
                lines.add(line((i + 3) * 1000L, "{\"event\":\"agent_done\",\"session_id\":\"s1\",\"id\":\"a" + i
                        + "\",\"outcome\":\"success\""));
            }
        }
        lines.add(line(12_000, "{\"event\":\"tool_use\",\"session_id\":\"s1\",\"agent_id\":\"a9\",\"tool\":\"Read\""));
        // In the order of their times, as a recording is (the sort is stable: the session first).
        lines.sort(java.util.Comparator.comparing(l -> Instant.parse(l.substring(7, l.indexOf('"', 7)))));
        Path file = dir.resolve("run.jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private static String line(long ms, String head) {
        return "{\"ts\":\"" + T0.plusMillis(ms) + "\"," + head.substring(1) + "}";
    }

    /** What the recording says is alive at {@code ms}. */
    private static Set<String> aliveAt(long ms) {
        Set<String> alive = new TreeSet<>();
        for (int i = 0; i < AGENTS; i++) {
            boolean spawned = i * 1000L <= ms;
            boolean done = i % 2 == 0 && (i + 3) * 1000L <= ms;
            if (spawned && !done) {
                alive.add("a" + i);
            }
        }
        return alive;
    }

    @Test
    void aJumpRebuildsTheStateAtThatMomentAndTheOpenPageIsSentIt() throws Exception {
        Path file = recording();
        try (TestAgentGraph graph = TestAgentGraph.builder().component(new ReplaySourceFactory())
                .component(new AliveAgentsFactory()).component(new WebSocketSinkFactory())
                .set("plugin.replay.enabled", "true").set("plugin.replay.file", file.toString())
                .set("plugin.replay.speed", "1").start();
             WsClient page = WsClient.connect(graph.ws("/stream"))) {
            page.snapshot();
            await().atMost(Duration.ofSeconds(10)).until(() -> state(graph).get("ready").getAsBoolean());
            assertThat(state(graph).get("length_ms").getAsLong()).isEqualTo(12_000);
            command(graph, "{\"action\":\"pause\"}");

            for (long ms : new long[] {5_500, 2_500, 9_000, 0}) {
                int before = snapshots(page).size();
                JsonObject answer = command(graph, "{\"action\":\"seek\",\"ms\":" + ms + "}");
                assertThat(answer.get("playing").getAsBoolean()).isFalse();
                await().atMost(Duration.ofSeconds(10)).until(() -> state(graph).get("position_ms").getAsLong() == ms
                        && graph.stats().getAsJsonObject("components").getAsJsonObject("replay")
                                .getAsJsonObject("counters").get("jumps").getAsLong() > 0);
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(alive(graph)).as("alive at " + ms)
                        .isEqualTo(aliveAt(ms)));
                // The page is sent the rebuilt state on the connection it has.
                await().atMost(Duration.ofSeconds(10)).until(() -> snapshots(page).size() > before
                        && ids(snapshots(page).get(snapshots(page).size() - 1)).equals(aliveAt(ms)));
            }

            // From the start again, fast, to the end: the same end as straight through.
            command(graph, "{\"action\":\"speed\",\"speed\":100}");
            command(graph, "{\"action\":\"play\"}");
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                JsonObject s = state(graph);
                return !s.get("playing").getAsBoolean() && s.get("position_ms").getAsLong() == 12_000;
            });
            assertThat(alive(graph)).isEqualTo(aliveAt(12_000)).containsExactly("a1", "a3", "a5", "a7", "a9");
            // What was played after the last jump reached the page as events: a0's end among them.
            assertThat(page.frames()).anyMatch(f -> "event".equals(str(f, "type"))
                    && "agent_done".equals(str(f.getAsJsonObject("data"), "event"))
                    && "a0".equals(str(f.getAsJsonObject("data"), "id")));
        }
    }

    @Test
    void badCommandsAreRefusedAndChangeNothing() throws Exception {
        Path file = recording();
        try (TestAgentGraph graph = TestAgentGraph.builder().component(new ReplaySourceFactory())
                .component(new AliveAgentsFactory())
                .set("plugin.replay.enabled", "true").set("plugin.replay.file", file.toString())
                .set("plugin.replay.speed", "1").start()) {
            command(graph, "{\"action\":\"pause\"}");
            double speed = state(graph).get("speed").getAsDouble();
            for (String bad : List.of("", "[]", "{\"action\":\"rewind\"}", "{\"action\":\"speed\",\"speed\":0}",
                    "{\"action\":\"speed\",\"speed\":\"fast\"}", "{\"action\":\"seek\",\"ms\":-5}", "{\"action\":\"seek\"}")) {
                HttpResponse<String> r = post(graph, bad);
                assertThat(r.statusCode()).as(bad).isEqualTo(400);
            }
            assertThat(state(graph).get("speed").getAsDouble()).isEqualTo(speed);
            assertThat(state(graph).get("playing").getAsBoolean()).isFalse();
            assertThat(graph.stats().getAsJsonObject("components").getAsJsonObject("replay")
                    .getAsJsonObject("counters").has("jumps")
                    ? graph.stats().getAsJsonObject("components").getAsJsonObject("replay")
                            .getAsJsonObject("counters").get("jumps").getAsLong() : 0).isZero();
        }
    }

    private static List<JsonObject> snapshots(WsClient page) {
        return page.frames().stream().filter(f -> "snapshot".equals(str(f, "type"))).toList();
    }

    private static Set<String> alive(TestAgentGraph graph) throws InterruptedException {
        return ids(graph.graph().snapshots().take().body());
    }

    private static Set<String> ids(JsonObject snapshot) {
        Set<String> ids = new TreeSet<>();
        for (JsonElement a : snapshot.getAsJsonArray("alive")) {
            ids.add(a.getAsJsonObject().get("id").getAsString());
        }
        return ids;
    }

    private static String str(JsonObject o, String name) {
        JsonElement e = o == null ? null : o.get(name);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    private static JsonObject state(TestAgentGraph graph) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(graph.http(ReplayControl.PATH)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    private static JsonObject command(TestAgentGraph graph, String body) throws Exception {
        HttpResponse<String> r = post(graph, body);
        assertThat(r.statusCode()).as(body + ": " + r.body()).isEqualTo(200);
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    private static HttpResponse<String> post(TestAgentGraph graph, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(graph.http(ReplayControl.PATH))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
