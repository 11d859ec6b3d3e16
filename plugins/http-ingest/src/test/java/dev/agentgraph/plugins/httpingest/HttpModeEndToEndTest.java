package dev.agentgraph.plugins.httpingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.agentgraph.plugins.alive.AliveAgentsFactory;
import dev.agentgraph.plugins.claudecode.ClaudeCodeFactory;
import dev.agentgraph.plugins.websocket.WebSocketSinkFactory;
import dev.agentgraph.testkit.TestAgentGraph;
import dev.agentgraph.testkit.WsClient;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Claude Code's http hooks: each payload posted, decoded, and shown to a browser. */
class HttpModeEndToEndTest {

    @Test
    void anInterruptedSessionPostedOverHttpLeavesNothingAlive() throws Exception {
        List<String> lines;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/session-interrupted.jsonl")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
        HttpClient http = HttpClient.newHttpClient();
        try (TestAgentGraph graph = TestAgentGraph.builder()
                .component(new HttpIngestFactory())
                .component(new ClaudeCodeFactory())
                .component(new AliveAgentsFactory())
                .component(new WebSocketSinkFactory())
                .start();
             WsClient ws = WsClient.connect(graph.ws("/stream"))) {
            ws.snapshot();
            for (String line : lines.subList(0, lines.size() - 1)) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(graph.http("/ingest/claude-code"))
                        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(line)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
            }
            ws.awaitFrame(f -> Frames.isEvent(f, "tool_done", "tool_use_id", "toolu_01mWRC7VPYMAXaFgTisNRi0A"));
            assertThat(alive(graph)).containsExactlyInAnyOrder("a4173581569969e58", "ac967a64cb14028d5");

            http.send(HttpRequest.newBuilder(graph.http("/ingest/claude-code")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(lines.get(lines.size() - 1))).build(),
                    HttpResponse.BodyHandlers.discarding());
            ws.awaitFrame(f -> Frames.isEvent(f, "session_end", "reason", "other"));
            assertThat(alive(graph)).isEmpty();
            assertThat(ws.frames()).filteredOn(f -> Frames.isEvent(f, "agent_done", "outcome", "session_ended")).hasSize(2);
        }
    }

    private static List<String> alive(TestAgentGraph graph) {
        try (WsClient fresh = WsClient.connect(graph.ws("/stream"))) {
            List<String> ids = new ArrayList<>();
            for (JsonElement a : fresh.snapshot().getAsJsonArray("alive")) {
                ids.add(a.getAsJsonObject().get("id").getAsString());
            }
            return ids;
        }
    }
}
