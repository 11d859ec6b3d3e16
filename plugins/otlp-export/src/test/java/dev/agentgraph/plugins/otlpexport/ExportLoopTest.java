package dev.agentgraph.plugins.otlpexport;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.agentgraph.api.Event;
import dev.agentgraph.plugins.otlp.OtlpFactory;
import dev.agentgraph.plugins.websocket.WebSocketSinkFactory;
import dev.agentgraph.testkit.TestAgentGraph;
import dev.agentgraph.testkit.WsClient;
import java.net.ServerSocket;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** An export pointed back at its own server's receiver is not drawn again (it would loop). */
class ExportLoopTest {

    @Test
    void aServerIgnoresItsOwnExport() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (TestAgentGraph graph = TestAgentGraph.builder().set("server.port", String.valueOf(port))
                .component(new OtlpFactory()).component(new OtlpExportFactory()).component(new WebSocketSinkFactory())
                .set("plugin.otlp-export.enabled", "true")
                .set("plugin.otlp-export.endpoint", "http://127.0.0.1:" + port + "/v1/traces")
                .set("plugin.otlp-export.batch-delay", "50ms").start();
             WsClient ws = WsClient.connect(graph.ws("/stream"))) {
            ws.snapshot();
            graph.emit(Event.parse("{\"event\":\"agent_spawn\",\"session_id\":\"s1\",\"id\":\"a1\",\"subagent_type\":\"x\"}"));
            graph.emit(Event.parse("{\"event\":\"agent_done\",\"session_id\":\"s1\",\"id\":\"a1\",\"outcome\":\"success\"}"));
            graph.emit(Event.parse("{\"event\":\"session_end\",\"session_id\":\"s1\"}"));
            // The agent's and the orchestrator's spans reached the receiver, which drew nothing of them.
            Awaitility.await().until(() -> counter(graph.stats(), "otlp", "spans") >= 2);
            assertThat(ws.frames()).noneMatch(f -> f.toString().contains("\"via\":\"otlp\""));
        }
    }

    /** {@code components.<id>.counters.<name>} of {@code /api/stats}. */
    static long counter(JsonObject stats, String component, String name) {
        JsonObject counters = stats.getAsJsonObject("components").getAsJsonObject(component).getAsJsonObject("counters");
        return counters.has(name) ? counters.get(name).getAsLong() : 0;
    }
}
