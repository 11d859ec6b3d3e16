package dev.agentgraph.plugins.stdin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import dev.agentgraph.api.Event;
import dev.agentgraph.testkit.TestAgentGraph;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Standard input through the real server: its end does not end the server. */
class StdinServerTest {

    private static JsonObject stdin(TestAgentGraph graph) {
        return graph.stats().getAsJsonObject("components").getAsJsonObject("stdin").getAsJsonObject("counters");
    }

    @Test
    void theServerKeepsServingAfterTheEndOfInput() throws Exception {
        byte[] input = "{\"event\":\"agent_spawn\",\"id\":\"a1\"}\nnot json\n{\"event\":\"agent_done\",\"id\":\"a1\"}\n"
                .getBytes(StandardCharsets.UTF_8);
        try (TestAgentGraph graph = TestAgentGraph.builder()
                .component(new StdinSourceFactory(() -> new ByteArrayInputStream(input)))
                .set("plugin.stdin.enabled", "true")
                .start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> stdin(graph).get("events").getAsLong() == 2);
            assertThat(stdin(graph).get("invalid_json").getAsLong()).isEqualTo(1);

            graph.emit(Event.builder("waiting").put("session_id", "s1").build());
            await().atMost(Duration.ofSeconds(10)).until(() -> graph.stats().get("seq").getAsLong() == 3);
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(graph.http("/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }
}
