package io.opentelemetry.exporter.otlp.http.trace;

import io.opentelemetry.exporter.otlp.internal.HttpExporterBuilder;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.common.internal.StandardComponentId;

/**
 * The SDK's own OTLP/HTTP span exporter, sending JSON. The SDK encodes OTLP JSON (its
 * {@code http/json} protocol) but offers no public switch for it yet (opentelemetry-java#5833),
 * so the test reaches the builder's package-private constructor.
 */
public final class JsonSpanExporters {

    private JsonSpanExporters() {
    }

    public static OtlpHttpSpanExporterBuilder builder() {
        return new OtlpHttpSpanExporterBuilder(new HttpExporterBuilder(
                StandardComponentId.ExporterType.OTLP_HTTP_SPAN_EXPORTER, "http://localhost:4318/v1/traces").exportAsJson(),
                MemoryMode.IMMUTABLE_DATA);
    }
}
