package dev.agentgraph.plugins.httpingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.agentgraph.plugins.alive.AliveAgentsFactory;
import dev.agentgraph.plugins.claudecode.ClaudeCodeFactory;
import dev.agentgraph.plugins.jsonltail.JsonlTailFactory;
import dev.agentgraph.plugins.websocket.WebSocketSinkFactory;
import dev.agentgraph.testkit.TestAgentGraph;
import dev.agentgraph.testkit.WsClient;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * http mode survives a restart: what {@code POST /ingest/claude-code} received is appended to the
 * event file in the hook's line format, so the next start restores the alive set from it, while
 * the running server, which follows the same file, does not decode it twice.
 */
class HttpDurabilityTest {

    private static final String AGENT = "a01ba92504d73e391";

    @TempDir
    Path dir;

    @Test
    void anAgentPostedOverHttpIsAliveAgainAfterARestart() throws Exception {
        List<String> session;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/claude-code-real/payloads.jsonl")) {
            session = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> l.contains("\"session_id\":\"d787d05d")).toList();
        }
        List<String> beforeItsStop = session.subList(0, 8); // through the sub-agent's PreToolUse(Read) and a Stop
        Path events = dir.resolve("memory/agent-events.jsonl");
        HttpClient http = HttpClient.newHttpClient();
        try (TestAgentGraph first = graph(events, true); WsClient ws = WsClient.connect(first.ws("/stream"))) {
            ws.snapshot();
            for (String line : beforeItsStop) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(first.http("/ingest/claude-code"))
                        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                        .header("X-AgentGraph-Host", "laptop-7")
                        .POST(HttpRequest.BodyPublishers.ofString(line)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
            }
            ws.awaitFrame(f -> Frames.isEvent(f, "tool_use", "agent_id", AGENT));
            // The tail read every appended line back and left it, as already decoded.
            await().atMost(Duration.ofSeconds(10)).until(() -> counter(first, "ingest_copies")
                    == beforeItsStop.size());
            assertThat(ws.frames()).filteredOn(f -> Frames.isEvent(f, "agent_spawn", "id", AGENT)).hasSize(1);
        }

        List<String> written = Files.readAllLines(events);
        assertThat(written).hasSize(beforeItsStop.size());
        JsonObject line = JsonParser.parseString(written.get(0)).getAsJsonObject();
        assertThat(line.keySet()).startsWith("agentgraph_runtime", "agentgraph_received", "agentgraph_host", "agentgraph_via");
        assertThat(line.get("agentgraph_runtime").getAsString()).as("the runtime of the path").isEqualTo("claude-code");
        assertThat(line.get("agentgraph_host").getAsString()).isEqualTo("laptop-7");

        try (TestAgentGraph second = graph(events, false)) {
            // The tail replays the file's history as the server starts; a snapshot may come first.
            JsonObject snapshot = await().atMost(Duration.ofSeconds(10))
                    .until(() -> snapshot(second), s -> s.getAsJsonArray("alive").size() == 1);
            JsonObject agent = snapshot.getAsJsonArray("alive").get(0).getAsJsonObject();
            assertThat(agent.get("id").getAsString()).isEqualTo(AGENT);
            assertThat(agent.get("model").getAsString()).isEqualTo("claude-haiku-4-5-20251001");
            JsonObject s = snapshot.getAsJsonArray("sessions").get(0).getAsJsonObject();
            assertThat(s.get("host").getAsString()).isEqualTo("laptop-7");
        }
    }

    private static JsonObject snapshot(TestAgentGraph graph) {
        try (WsClient ws = WsClient.connect(graph.ws("/stream"))) {
            return ws.snapshot();
        }
    }

    private static TestAgentGraph graph(Path events, boolean ingest) {
        TestAgentGraph.Builder b = TestAgentGraph.builder().eventsFile(events)
                .component(new JsonlTailFactory())
                .component(new ClaudeCodeFactory())
                .component(new AliveAgentsFactory())
                .component(new WebSocketSinkFactory());
        if (ingest) {
            b.component(new HttpIngestFactory());
        }
        return b.start();
    }

    private static long counter(TestAgentGraph graph, String name) {
        JsonObject c = graph.stats().getAsJsonObject("components").getAsJsonObject("claude-code");
        JsonObject counters = c.has("counters") ? c.getAsJsonObject("counters") : c;
        JsonElement v = counters.get(name);
        return v == null ? 0 : v.getAsLong();
    }
}
