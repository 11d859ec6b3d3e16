package dev.agentgraph.plugins.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgraph.plugins.websocket.WebSocketSinkFactory;
import dev.agentgraph.testkit.TestAgentGraph;
import dev.agentgraph.testkit.WsClient;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** With a server token, OTLP senders need it too, as Claude Code's OTEL_EXPORTER_OTLP_HEADERS give it. */
class TokenTest {

    private static final String TOKEN = "s3cret-team-token";

    @Test
    void onlyASenderWithTheTokenIsHeard() {
        try (TestAgentGraph graph = TestAgentGraph.builder().component(new OtlpFactory())
                .component(new WebSocketSinkFactory()).set("server.token", TOKEN).start();
             WsClient ws = WsClient.connect(graph.ws("/stream"), Map.of("Authorization", "Bearer " + TOKEN))) {
            ws.snapshot();
            assertThat(export(graph, "stranger", null)).as("no token").isFalse();
            assertThat(export(graph, "stranger", TOKEN.substring(1) + "x")).as("a wrong token").isFalse();
            assertThat(export(graph, "teammate", TOKEN)).as("the token").isTrue();
            Frames.await(ws, "session_start", "host", "teammate");
            assertThat(Frames.events(ws)).noneMatch(e -> "stranger".equals(Frames.string(e, "host")));
        }
    }

    /** Whether the SDK's exporter got a success answer for one agent span from {@code host}. */
    private static boolean export(TestAgentGraph graph, String host, String token) {
        InMemorySpanExporter finished = InMemorySpanExporter.create();
        List<SpanData> spans;
        try (SdkTracerProvider provider = SdkTracerProvider.builder().setResource(Telemetry.resource("crew", host))
                .addSpanProcessor(SimpleSpanProcessor.create(finished)).build()) {
            provider.get("t").spanBuilder("invoke_agent a").setAttribute("gen_ai.operation.name", "invoke_agent")
                    .startSpan().end();
            spans = finished.getFinishedSpanItems(); // before close, which empties it
        }
        assertThat(spans).hasSize(1);
        OtlpHttpSpanExporterBuilder builder = OtlpHttpSpanExporter.builder()
                .setEndpoint(graph.http("/v1/traces").toString()).setRetryPolicy(null);
        if (token != null) {
            builder.addHeader("Authorization", "Bearer " + token);
        }
        try (OtlpHttpSpanExporter exporter = builder.build()) {
            return exporter.export(spans).join(10, TimeUnit.SECONDS).isSuccess();
        }
    }
}
