package dev.agentgraph.plugins.otlpexport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgraph.api.Event;
import dev.agentgraph.plugins.alive.AliveAgentsFactory;
import dev.agentgraph.plugins.claudecode.ClaudeCodeFactory;
import dev.agentgraph.testkit.TestAgentGraph;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A recorded Claude Code session, decoded by a real server and exported as GenAI spans. */
class OtlpExportTest {

    private static final String SESSION = "d42fddbb-b12a-4295-8842-348805e999f3";

    @Test
    void aNestedSessionArrivesAsATreeOfAgentAndToolSpans() throws Exception {
        try (OtlpEndpoint endpoint = new OtlpEndpoint();
             TestAgentGraph graph = TestAgentGraph.builder().component(new ClaudeCodeFactory())
                     .component(new AliveAgentsFactory()).component(new OtlpExportFactory())
                     .set("plugin.otlp-export.enabled", "true")
                     .set("plugin.otlp-export.endpoint", endpoint.url())
                     .set("plugin.otlp-export.headers", "x-team=platform,authorization=Bearer%20abc")
                     .set("plugin.otlp-export.batch-delay", "100ms").start()) {
            for (String line : fixture()) {
                graph.emit(Event.parse(line));
            }
            // Three agents, seven tool calls and the orchestrator's span once the session ended.
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.spans().size() >= 11);
            List<Span> spans = endpoint.spans();
            assertThat(spans).hasSize(11);
            assertThat(endpoint.lastHeaders).containsEntry("x-team", "platform").containsEntry("authorization", "Bearer abc");
            assertThat(endpoint.resources().get(0).getResource().getAttributesList())
                    .anySatisfy(kv -> assertThat(kv.getKey() + "=" + kv.getValue().getStringValue()).isEqualTo("service.name=agentgraph"));

            Map<String, Span> agents = spans.stream().filter(s -> s.getName().startsWith("invoke_agent"))
                    .collect(Collectors.toMap(s -> attr(s, "gen_ai.agent.id").orElseThrow(), Function.identity()));
            assertThat(agents).containsOnlyKeys("main", "aa767c76fb008f86b", "aec255404e4fb4400", "ae50454f31af31768");
            Span main = agents.get("main");
            Span plan = agents.get("aa767c76fb008f86b");
            Span explore = agents.get("aec255404e4fb4400");
            Span deepest = agents.get("ae50454f31af31768");
            assertThat(main.getParentSpanId().isEmpty()).isTrue();
            assertThat(plan.getParentSpanId()).isEqualTo(main.getSpanId());
            assertThat(explore.getParentSpanId()).isEqualTo(plan.getSpanId());
            assertThat(deepest.getParentSpanId()).isEqualTo(explore.getSpanId());
            assertThat(plan.getName()).isEqualTo("invoke_agent Plan");
            assertThat(deepest.getName()).isEqualTo("invoke_agent Explore");
            assertThat(spans).allSatisfy(s -> {
                assertThat(attr(s, "gen_ai.conversation.id")).hasValue(SESSION);
                assertThat(s.getTraceId()).isEqualTo(main.getTraceId());
            });
            assertThat(attr(plan, "gen_ai.operation.name")).hasValue("invoke_agent");
            assertThat(attr(plan, "agentgraph.outcome")).isPresent();
            assertThat(plan.getEndTimeUnixNano()).isGreaterThan(plan.getStartTimeUnixNano());
            assertThat(attr(main, "gen_ai.request.model")).hasValue("claude-opus-4-7");

            List<Span> tools = spans.stream().filter(s -> s.getName().startsWith("execute_tool")).toList();
            assertThat(tools).extracting(s -> attr(s, "gen_ai.tool.call.id").orElseThrow()).containsExactlyInAnyOrder(
                    "toolu_01k9BzjVs6Fv5SjZ9LY0Qkk0", "toolu_012xYZFQGQgNXPgq8q4Ag9sY", "toolu_01sF4tH9a1wzNg7Md1rXF2xb",
                    "toolu_01jyJd6N36PBSPUiRzoWSkc4", "toolu_01D9yY8fto38jc397iJkKjiB", "toolu_010GiemBz89EeWqipiNvTeik",
                    "toolu_01giRvj77Sm8N4eJcHbeWEtR");
            Span grep = tools.stream().filter(s -> attr(s, "gen_ai.tool.call.id").orElseThrow()
                    .equals("toolu_010GiemBz89EeWqipiNvTeik")).findFirst().orElseThrow();
            assertThat(grep.getName()).isEqualTo("execute_tool Grep");
            assertThat(grep.getParentSpanId()).isEqualTo(deepest.getSpanId());
            Span firstAgentCall = tools.stream().filter(s -> attr(s, "gen_ai.tool.call.id").orElseThrow()
                    .equals("toolu_01k9BzjVs6Fv5SjZ9LY0Qkk0")).findFirst().orElseThrow();
            assertThat(firstAgentCall.getParentSpanId()).isEqualTo(main.getSpanId());
            assertThat(tools).allSatisfy(s -> assertThat(s.getStatus().getCode()).isNotEqualTo(Status.StatusCode.STATUS_CODE_ERROR));
            assertThat(HexFormat.of().formatHex(main.getTraceId().toByteArray())).hasSize(32);
        }
    }

    private static Optional<String> attr(Span span, String key) {
        return span.getAttributesList().stream().filter(kv -> kv.getKey().equals(key)).findFirst()
                .map(KeyValue::getValue).map(v -> v.getStringValue());
    }

    private static List<String> fixture() throws Exception {
        try (InputStream in = OtlpExportTest.class.getResourceAsStream("/fixtures/session-nested-subagents.jsonl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }
}
