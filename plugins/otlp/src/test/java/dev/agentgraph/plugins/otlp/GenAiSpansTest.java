package dev.agentgraph.plugins.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.agentgraph.plugins.alive.AliveAgentsFactory;
import dev.agentgraph.plugins.websocket.WebSocketSinkFactory;
import dev.agentgraph.testkit.TestAgentGraph;
import dev.agentgraph.testkit.WsClient;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** GenAI agent spans from the real OpenTelemetry SDK, drawn as agents and tool calls. */
class GenAiSpansTest {

    private static TestAgentGraph graph() {
        return TestAgentGraph.builder().component(new OtlpFactory()).component(new OtlpJoinFactory())
                .component(new AliveAgentsFactory()).component(new WebSocketSinkFactory()).start();
    }

    @ParameterizedTest
    @EnumSource(Telemetry.Encoding.class)
    void agentsNestedThreeDeepWithTheirToolCalls(Telemetry.Encoding encoding) {
        try (TestAgentGraph graph = graph();
             WsClient ws = WsClient.connect(graph.ws("/stream"));
             Telemetry otel = Telemetry.to(graph.http("/"), encoding, Telemetry.resource("my-agents", "box-1"), null)) {
            ws.snapshot();
            Tracer tracer = otel.tracer();
            Span planner = agent(tracer, "planner").setAttribute("gen_ai.conversation.id", "conv-1").startSpan();
            Span researcher;
            Span reader;
            try (Scope p = planner.makeCurrent()) {
                researcher = agent(tracer, "researcher").startSpan();
                try (Scope r = researcher.makeCurrent()) {
                    reader = agent(tracer, "reader").startSpan();
                    try (Scope d = reader.makeCurrent()) {
                        tool(tracer, "read_file", "call-3").end();
                        tracer.spanBuilder("chat gpt-x").setAttribute("gen_ai.operation.name", "chat")
                                .setAttribute("gen_ai.usage.input_tokens", 100L)
                                .setAttribute("gen_ai.usage.output_tokens", 20L).startSpan().end();
                    }
                    reader.end();
                    tool(tracer, "web_search", "call-2").startSpan().setStatus(StatusCode.ERROR, "rate limited").end();
                }
                researcher.end();
                tool(tracer, "write_plan", "call-1").end();
            }
            planner.end();
            otel.flush();

            String plannerId = planner.getSpanContext().getSpanId();
            String researcherId = researcher.getSpanContext().getSpanId();
            String readerId = reader.getSpanContext().getSpanId();
            Frames.await(ws, "agent_done", "id", plannerId);
            List<JsonObject> events = Frames.events(ws);
            assertThat(events).allSatisfy(e -> {
                assertThat(Frames.string(e, "session_id")).isEqualTo("conv-1");
                assertThat(Frames.string(e, "via")).isEqualTo("otlp");
            });
            assertThat(Frames.events(ws, "session_start")).singleElement().satisfies(s -> {
                assertThat(Frames.string(s, "runtime")).isEqualTo("my-agents");
                assertThat(Frames.string(s, "host")).isEqualTo("box-1");
            });
            // The last word on each agent's parent is the observed one.
            assertThat(lastSpawn(events, plannerId)).isEqualTo("main");
            assertThat(lastSpawn(events, researcherId)).isEqualTo(plannerId);
            assertThat(lastSpawn(events, readerId)).isEqualTo(researcherId);
            assertThat(Frames.events(ws, "agent_spawn")).filteredOn(e -> readerId.equals(Frames.string(e, "id")))
                    .last().satisfies(e -> assertThat(Frames.string(e, "subagent_type")).isEqualTo("reader"));
            // The reader was alive (inferred) from its first child span on.
            JsonObject firstReader = events.stream().filter(Frames.is("agent_spawn", "id", readerId)).findFirst().orElseThrow();
            assertThat(firstReader.get("parent_inferred").getAsBoolean()).isTrue();
            assertThat(events.indexOf(firstReader))
                    .isLessThan(events.indexOf(events.stream().filter(Frames.is("tool_use", "tool_use_id", "call-3")).findFirst().orElseThrow()));

            assertThat(toolAgent(events, "call-1")).isEqualTo(plannerId);
            assertThat(toolAgent(events, "call-2")).isEqualTo(researcherId);
            assertThat(toolAgent(events, "call-3")).isEqualTo(readerId);
            assertThat(Frames.events(ws, "tool_failed")).singleElement().satisfies(e -> {
                assertThat(Frames.string(e, "tool")).isEqualTo("web_search");
                assertThat(Frames.string(e, "error")).isEqualTo("rate limited");
            });
            assertThat(Frames.events(ws, "tool_done")).extracting(e -> Frames.string(e, "tool_use_id"))
                    .containsExactlyInAnyOrder("call-1", "call-3");
            JsonObject readerDone = events.stream().filter(Frames.is("agent_done", "id", readerId)).findFirst().orElseThrow();
            assertThat(readerDone.getAsJsonObject("tokens").get("input").getAsLong()).isEqualTo(100);
            assertThat(readerDone.getAsJsonObject("tokens").get("output").getAsLong()).isEqualTo(20);
            assertThat(Frames.events(ws, "agent_done")).extracting(e -> Frames.string(e, "id"))
                    .containsExactlyInAnyOrder(plannerId, researcherId, readerId);
            assertThat(Frames.alive(WsClient.connect(graph.ws("/stream")).snapshot())).isEmpty();
        }
    }

    @Test
    void anAgentIsAliveFromItsFirstChildSpanUntilItsOwnSpanArrives() {
        try (TestAgentGraph graph = graph();
             WsClient ws = WsClient.connect(graph.ws("/stream"));
             Telemetry otel = Telemetry.to(graph.http("/"), Telemetry.Encoding.PROTOBUF,
                     Telemetry.resource("crew", "box-2"), null)) {
            ws.snapshot();
            Span lead = agent(otel.tracer(), "lead").startSpan();
            try (Scope s = lead.makeCurrent()) {
                tool(otel.tracer(), "search", "call-a").end();
            }
            otel.flush();
            String leadId = lead.getSpanContext().getSpanId();
            Frames.await(ws, "tool_done", "tool_use_id", "call-a");
            assertThat(aliveIn(graph)).containsExactly(leadId);

            lead.end();
            otel.flush();
            Frames.await(ws, "agent_done", "id", leadId);
            Awaitility.await().untilAsserted(() -> assertThat(aliveIn(graph)).isEmpty());
        }
    }

    @Test
    void aSpanTakenForAnAgentThatIsAToolCallIsWithdrawn() {
        try (TestAgentGraph graph = graph();
             WsClient ws = WsClient.connect(graph.ws("/stream"));
             Telemetry otel = Telemetry.to(graph.http("/"), Telemetry.Encoding.PROTOBUF,
                     Telemetry.resource("crew", "box-2"), null)) {
            ws.snapshot();
            Tracer tracer = otel.tracer();
            Span boss = agent(tracer, "boss").startSpan();
            Span delegate;
            Span helper;
            try (Scope b = boss.makeCurrent()) {
                delegate = tool(tracer, "delegate", "call-d").startSpan();
                try (Scope d = delegate.makeCurrent()) {
                    helper = agent(tracer, "helper").startSpan();
                    try (Scope h = helper.makeCurrent()) {
                        tool(tracer, "grep", "call-g").end();
                    }
                    helper.end();
                }
                delegate.end();
            }
            boss.end();
            otel.flush();
            String bossId = boss.getSpanContext().getSpanId();
            String delegateId = delegate.getSpanContext().getSpanId();
            Frames.await(ws, "agent_done", "id", bossId);
            List<JsonObject> events = Frames.events(ws);
            assertThat(events).filteredOn(Frames.is("agent_done", "id", delegateId))
                    .singleElement().satisfies(e -> assertThat(Frames.string(e, "outcome")).isEqualTo("replaced"));
            assertThat(toolAgent(events, "call-d")).isEqualTo(bossId);
            assertThat(lastSpawn(events, helper.getSpanContext().getSpanId())).isEqualTo(delegateId);
            assertThat(Frames.alive(WsClient.connect(graph.ws("/stream")).snapshot())).isEmpty();
        }
    }

    private static io.opentelemetry.api.trace.SpanBuilder agent(Tracer tracer, String name) {
        return tracer.spanBuilder("invoke_agent " + name).setAttribute("gen_ai.operation.name", "invoke_agent")
                .setAttribute("gen_ai.agent.name", name).setAttribute("gen_ai.request.model", "gpt-x");
    }

    private static ToolSpan tool(Tracer tracer, String name, String callId) {
        return new ToolSpan(tracer.spanBuilder("execute_tool " + name).setAttribute("gen_ai.operation.name", "execute_tool")
                .setAttribute("gen_ai.tool.name", name).setAttribute("gen_ai.tool.call.id", callId));
    }

    /** An {@code execute_tool} span to start, or to start and end at once. */
    private record ToolSpan(io.opentelemetry.api.trace.SpanBuilder builder) {
        Span startSpan() {
            return builder.startSpan();
        }

        void end() {
            builder.startSpan().end();
        }
    }

    private static String lastSpawn(List<JsonObject> events, String id) {
        return events.stream().filter(Frames.is("agent_spawn", "id", id)).reduce((a, b) -> b)
                .map(e -> Frames.string(e, "parent_id")).orElseThrow();
    }

    private static String toolAgent(List<JsonObject> events, String callId) {
        return events.stream().filter(Frames.is("tool_use", "tool_use_id", callId)).findFirst()
                .map(e -> Frames.string(e, "agent_id")).orElseThrow();
    }

    private static List<String> aliveIn(TestAgentGraph graph) {
        try (WsClient fresh = WsClient.connect(graph.ws("/stream"))) {
            return Frames.alive(fresh.snapshot());
        }
    }
}
