package dev.agentgraph.plugins.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.agentgraph.api.Event;
import dev.agentgraph.plugins.alive.AliveAgentsFactory;
import dev.agentgraph.plugins.claudecode.ClaudeCodeFactory;
import dev.agentgraph.plugins.websocket.WebSocketSinkFactory;
import dev.agentgraph.testkit.TestAgentGraph;
import dev.agentgraph.testkit.WsClient;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Claude Code's own telemetry (shapes from RUNTIMES.md: log events {@code claude_code.*} with
 * {@code session.id}, {@code event.sequence}…; beta spans with {@code agent_id}), sent by the
 * real SDK, alone and beside the same session's hooks.
 */
class ClaudeCodeTelemetryTest {

    private static final String SESSION = "6f1c2a9e-0b7d-4c55-9a1e-3d2b8c7f0e11";

    private static TestAgentGraph graph() {
        return TestAgentGraph.builder().component(new OtlpFactory()).component(new OtlpJoinFactory())
                .component(new ClaudeCodeFactory()).component(new AliveAgentsFactory())
                .component(new WebSocketSinkFactory()).start();
    }

    private static Telemetry claudeCode(TestAgentGraph graph, Telemetry.Encoding encoding) {
        return Telemetry.to(graph.http("/"), encoding, Telemetry.resource("claude-code", "laptop-7"), null);
    }

    @ParameterizedTest
    @EnumSource(value = Telemetry.Encoding.class, names = {"PROTOBUF", "JSON"})
    void apiRequestsAddUpToTheSessionsCostAndTheMainAgents(Telemetry.Encoding encoding) {
        try (TestAgentGraph graph = graph(); WsClient ws = WsClient.connect(graph.ws("/stream"));
             Telemetry otel = claudeCode(graph, encoding)) {
            ws.snapshot();
            event(otel, "user_prompt", 1).setAttribute("prompt_length", "42").emit();
            apiRequest(otel, 2, "main", "0.0125", 1200).emit();
            apiRequest(otel, 3, "subagent", "0.0075", 800).emit();
            otel.flush();
            // The same batch again, as a retrying exporter or a Collector would send it: counted once.
            apiRequest(otel, 3, "subagent", "0.0075", 800).emit();
            event(otel, "tool_decision", 4).emit();
            otel.flush();

            Frames.await(ws, "session_start", "session_id", SESSION);
            JsonObject lastCost = Frames.events(ws, "session_update").stream()
                    .filter(e -> e.has("cost_usd")).reduce((a, b) -> b).orElseThrow();
            assertThat(lastCost.get("cost_usd").getAsDouble()).isEqualTo(0.02);
            assertThat(lastCost.getAsJsonObject("tokens").get("input").getAsLong()).isEqualTo(2000);
            assertThat(Frames.string(lastCost, "model")).isEqualTo("claude-opus-4-7");
            assertThat(Frames.events(ws, "agent_update")).singleElement().satisfies(e -> {
                assertThat(Frames.string(e, "id")).isEqualTo("main");
                assertThat(e.get("cost_usd").getAsDouble()).isEqualTo(0.0125);
            });
            assertThat(Frames.events(ws, "session_start")).singleElement().satisfies(e -> {
                assertThat(Frames.string(e, "host")).isEqualTo("laptop-7");
                assertThat(Frames.string(e, "runtime")).isEqualTo("claude-code");
            });
        }
    }

    @Test
    void aMachineSendingHooksAndTelemetryIsCountedOnce() throws Exception {
        try (TestAgentGraph graph = graph(); WsClient ws = WsClient.connect(graph.ws("/stream"));
             Telemetry otel = claudeCode(graph, Telemetry.Encoding.PROTOBUF)) {
            ws.snapshot();
            hook("{\"hook_event_name\":\"SessionStart\",\"source\":\"startup\",\"model\":\"claude-opus-4-7\"}", graph);
            hook("{\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"npm test\"},"
                    + "\"tool_use_id\":\"toolu_01HOOKED\"}", graph);
            hook("{\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"npm test\"},"
                    + "\"tool_response\":{\"stdout\":\"ok\"},\"tool_use_id\":\"toolu_01HOOKED\"}", graph);
            Frames.await(ws, "tool_done", "tool_use_id", "toolu_01HOOKED");

            toolResult(otel, 5, "toolu_01HOOKED", "Bash", "true").emit();
            toolResult(otel, 6, "toolu_01ONLYOTLP", "Read", "true").emit();
            toolResult(otel, 7, "toolu_01FAILED", "Edit", "false").setAttribute("error", "old_string not found").emit();
            apiRequest(otel, 8, "main", "0.5", 10).emit();
            otel.flush();
            Frames.await(ws, "tool_failed", "tool_use_id", "toolu_01FAILED");
            Frames.await(ws, "session_update", "cost_usd", "0.5");

            List<JsonObject> events = Frames.events(ws);
            assertThat(events).filteredOn(e -> "toolu_01HOOKED".equals(Frames.string(e, "tool_use_id")))
                    .allSatisfy(e -> assertThat(e.has("via")).as("from the hooks only").isFalse())
                    .extracting(e -> Frames.string(e, "event")).containsExactly("tool_use", "tool_done");
            assertThat(events).filteredOn(e -> "toolu_01ONLYOTLP".equals(Frames.string(e, "tool_use_id")))
                    .extracting(e -> Frames.string(e, "event")).containsExactly("tool_use", "tool_done");
            assertThat(Frames.events(ws, "tool_failed")).singleElement()
                    .satisfies(e -> assertThat(Frames.string(e, "error")).isEqualTo("old_string not found"));
            // The session was the hooks'; telemetry only adds where it runs.
            assertThat(Frames.events(ws, "session_start")).singleElement().satisfies(e -> assertThat(e.has("via")).isFalse());
            assertThat(events).filteredOn(Frames.is("session_update", "host", "laptop-7")).hasSize(1);
            assertThat(graph.stats().toString()).contains("joined");
        }
    }

    @Test
    void betaSpansDrawTheAgentTreeWithoutHooks() {
        try (TestAgentGraph graph = graph(); WsClient ws = WsClient.connect(graph.ws("/stream"));
             Telemetry otel = claudeCode(graph, Telemetry.Encoding.PROTOBUF_GZIP)) {
            ws.snapshot();
            var tracer = otel.tracer();
            Span interaction = tracer.spanBuilder("claude_code.interaction").setAttribute("session.id", SESSION).startSpan();
            try (Scope s = interaction.makeCurrent()) {
                Span explore = tracer.spanBuilder("claude_code.llm_request").setAttribute("session.id", SESSION)
                        .setAttribute("agent_id", "a1b2c3d4e5f60718").setAttribute("agent_type", "Explore")
                        .setAttribute("model", "claude-haiku-4-5-20251001").setAttribute("input_tokens", 300L)
                        .setAttribute("output_tokens", 40L).setAttribute("cost_usd", 0.0021).startSpan();
                explore.end();
                Span tool = tracer.spanBuilder("claude_code.tool").setAttribute("session.id", SESSION)
                        .setAttribute("agent_id", "a9f8e7d6c5b4a392").setAttribute("parent_agent_id", "a1b2c3d4e5f60718")
                        .setAttribute("tool_name", "Grep").setAttribute("tool_use_id", "toolu_01SPAN").startSpan();
                tool.end();
            }
            interaction.end();
            otel.flush();

            Frames.await(ws, "tool_done", "tool_use_id", "toolu_01SPAN");
            List<JsonObject> spawns = Frames.events(ws, "agent_spawn");
            assertThat(spawns).extracting(e -> Frames.string(e, "id") + "<-" + Frames.string(e, "parent_id"))
                    .containsExactly("a1b2c3d4e5f60718<-main", "a9f8e7d6c5b4a392<-a1b2c3d4e5f60718");
            assertThat(Frames.string(spawns.get(0), "subagent_type")).isEqualTo("Explore");
            assertThat(Frames.events(ws, "tool_use")).singleElement()
                    .satisfies(e -> assertThat(Frames.string(e, "agent_id")).isEqualTo("a9f8e7d6c5b4a392"));
            assertThat(Frames.events(ws, "agent_update")).singleElement().satisfies(e -> {
                assertThat(Frames.string(e, "id")).isEqualTo("a1b2c3d4e5f60718");
                assertThat(e.get("cost_usd").getAsDouble()).isEqualTo(0.0021);
            });
            try (WsClient fresh = WsClient.connect(graph.ws("/stream"))) {
                assertThat(Frames.alive(fresh.snapshot())).contains("a1b2c3d4e5f60718", "a9f8e7d6c5b4a392");
            }
        }
    }

    private static void hook(String payload, TestAgentGraph graph) throws Exception {
        String common = "{\"session_id\":\"" + SESSION + "\",\"transcript_path\":\"/nonexistent/" + SESSION
                + ".jsonl\",\"cwd\":\"/home/dev/shop\",";
        graph.emit(Event.parse(common + payload.substring(1)));
    }

    private static LogRecordBuilder event(Telemetry otel, String name, int sequence) {
        return otel.logger().logRecordBuilder().setBody("claude_code." + name)
                .setAttribute("event.name", name).setAttribute("session.id", SESSION)
                .setAttribute("prompt.id", "p-1").setAttribute("event.sequence", (long) sequence)
                .setAttribute("event.timestamp", "2026-12-01T10:00:00.000Z").setAttribute("terminal.type", "xterm")
                .setAttribute("app.version", "2.1.283");
    }

    private static LogRecordBuilder apiRequest(Telemetry otel, int sequence, String querySource, String cost, int input) {
        return event(otel, "api_request", sequence).setAttribute("model", "claude-opus-4-7")
                .setAttribute("cost_usd", cost).setAttribute("input_tokens", String.valueOf(input))
                .setAttribute("output_tokens", "50").setAttribute("cache_read_tokens", "1000")
                .setAttribute("cache_creation_tokens", "0").setAttribute("duration_ms", "2100")
                .setAttribute("query_source", querySource);
    }

    private static LogRecordBuilder toolResult(Telemetry otel, int sequence, String toolUseId, String tool, String success) {
        return event(otel, "tool_result", sequence).setAttribute("tool_name", tool)
                .setAttribute("tool_use_id", toolUseId).setAttribute("success", success)
                .setAttribute("duration_ms", "35");
    }
}
