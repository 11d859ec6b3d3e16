package dev.agentgraph.plugins.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.logs.JsonLogExporters;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporterBuilder;
import io.opentelemetry.exporter.otlp.http.trace.JsonSpanExporters;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenTelemetry SDK client, as an instrumented agent runs it: batch processors and the
 * OTLP/HTTP exporters, in protobuf or JSON, sending to one AgentGraph.
 */
final class Telemetry implements AutoCloseable {

    enum Encoding { PROTOBUF, PROTOBUF_GZIP, JSON }

    private final SdkTracerProvider tracers;
    private final SdkLoggerProvider loggers;

    private Telemetry(SdkTracerProvider tracers, SdkLoggerProvider loggers) {
        this.tracers = tracers;
        this.loggers = loggers;
    }

    static Resource resource(String service, String host) {
        return Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service,
                AttributeKey.stringKey("host.name"), host));
    }

    static Telemetry to(URI server, Encoding encoding, Resource resource, String token) {
        OtlpHttpSpanExporterBuilder spans = encoding == Encoding.JSON ? JsonSpanExporters.builder()
                : OtlpHttpSpanExporter.builder();
        OtlpHttpLogRecordExporterBuilder logs = encoding == Encoding.JSON ? JsonLogExporters.builder()
                : OtlpHttpLogRecordExporter.builder();
        spans.setEndpoint(server.resolve("/v1/traces").toString()).setRetryPolicy(null);
        logs.setEndpoint(server.resolve("/v1/logs").toString()).setRetryPolicy(null);
        if (encoding == Encoding.PROTOBUF_GZIP) {
            spans.setCompression("gzip");
            logs.setCompression("gzip");
        }
        if (token != null) {
            spans.addHeader("Authorization", "Bearer " + token);
            logs.addHeader("Authorization", "Bearer " + token);
        }
        return new Telemetry(
                SdkTracerProvider.builder().setResource(resource)
                        .addSpanProcessor(BatchSpanProcessor.builder(spans.build()).build()).build(),
                SdkLoggerProvider.builder().setResource(resource)
                        .addLogRecordProcessor(BatchLogRecordProcessor.builder(logs.build()).build()).build());
    }

    Tracer tracer() {
        return tracers.get("agent-framework");
    }

    Logger logger() {
        return loggers.get("com.anthropic.claude_code.events");
    }

    /** Sends what has ended, and waits until the server answered it. */
    void flush() {
        assertThat(tracers.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).as("spans exported").isTrue();
        assertThat(loggers.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).as("logs exported").isTrue();
    }

    @Override
    public void close() {
        tracers.close();
        loggers.close();
    }
}
