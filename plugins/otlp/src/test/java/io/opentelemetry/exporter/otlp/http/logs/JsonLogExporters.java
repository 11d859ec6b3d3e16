package io.opentelemetry.exporter.otlp.http.logs;

import io.opentelemetry.exporter.otlp.internal.HttpExporterBuilder;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.common.internal.StandardComponentId;

/** The SDK's own OTLP/HTTP log exporter, sending JSON (see {@code JsonSpanExporters}). */
public final class JsonLogExporters {

    private JsonLogExporters() {
    }

    public static OtlpHttpLogRecordExporterBuilder builder() {
        return new OtlpHttpLogRecordExporterBuilder(new HttpExporterBuilder(
                StandardComponentId.ExporterType.OTLP_HTTP_LOG_EXPORTER, "http://localhost:4318/v1/logs").exportAsJson(),
                MemoryMode.IMMUTABLE_DATA);
    }
}
