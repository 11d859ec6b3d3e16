package dev.agentgraph.plugins.otlpexport;

import dev.agentgraph.api.ConfigException;
import dev.agentgraph.api.PluginConfig;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where and how spans go. Each setting is read from the plugin's key, else from the standard
 * OpenTelemetry variable (the {@code _TRACES_} one first), else the OTLP default:
 *
 * <ul>
 *   <li>{@code endpoint}: {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} as is, or
 *       {@code OTEL_EXPORTER_OTLP_ENDPOINT} + {@code /v1/traces}; default {@code http://localhost:4318/v1/traces}</li>
 *   <li>{@code headers}: {@code k=v,k2=v2} ({@code OTEL_EXPORTER_OTLP_[TRACES_]HEADERS}, values URL-encoded)</li>
 *   <li>{@code protocol}: only {@code http/protobuf} ({@code OTEL_EXPORTER_OTLP_[TRACES_]PROTOCOL})</li>
 *   <li>{@code compression}: {@code none} or {@code gzip} ({@code OTEL_EXPORTER_OTLP_[TRACES_]COMPRESSION})</li>
 *   <li>{@code timeout}: 10 s ({@code OTEL_EXPORTER_OTLP_[TRACES_]TIMEOUT} in milliseconds)</li>
 *   <li>{@code service-name}: {@code agentgraph} ({@code OTEL_SERVICE_NAME})</li>
 * </ul>
 *
 * And AgentGraph's own bounds: {@code max-queue} (8,192 ended spans awaiting export; more are
 * dropped and counted), {@code batch-delay} (1 s), {@code max-sessions} (1,000 sessions with open
 * spans) and {@code max-open} (1,000 open agent and tool spans per session); past a bound the
 * oldest is ended early, marked {@code agentgraph.evicted}.
 */
record ExportSettings(String endpoint, Map<String, String> headers, String compression, Duration timeout,
        String serviceName, int maxQueue, Duration batchDelay, int maxSessions, int maxOpen) {

    static final String PROTOBUF = "http/protobuf";

    static ExportSettings read(PluginConfig config, Map<String, String> env) {
        String endpoint = config.string("endpoint", "");
        if (endpoint.isBlank()) {
            endpoint = env.getOrDefault("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "");
        }
        if (endpoint.isBlank()) {
            String base = env.getOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4318");
            endpoint = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/traces";
        }
        check("endpoint", endpoint);
        String protocol = setting(config, env, "protocol", "PROTOCOL", PROTOBUF);
        if (!protocol.equals(PROTOBUF)) {
            throw new ConfigException(key("protocol"), "only " + PROTOBUF + " is sent (got " + protocol + ")");
        }
        String compression = setting(config, env, "compression", "COMPRESSION", "none").toLowerCase(Locale.ROOT);
        if (!compression.equals("none") && !compression.equals("gzip")) {
            throw new ConfigException(key("compression"), "must be none or gzip");
        }
        String timeoutMs = env.getOrDefault("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", env.get("OTEL_EXPORTER_OTLP_TIMEOUT"));
        Duration timeout = config.duration("timeout", timeoutMs == null ? Duration.ofSeconds(10) : millis(timeoutMs));
        ExportSettings s = new ExportSettings(endpoint, headers(setting(config, env, "headers", "HEADERS", "")),
                compression, timeout, setting(config, env, "service-name", null, "agentgraph"),
                config.integer("max-queue", 8192), config.duration("batch-delay", Duration.ofSeconds(1)),
                config.integer("max-sessions", 1000), config.integer("max-open", 1000));
        positive("timeout", s.timeout.toMillis());
        positive("max-queue", s.maxQueue);
        positive("batch-delay", s.batchDelay.toMillis());
        positive("max-sessions", s.maxSessions);
        positive("max-open", s.maxOpen);
        return s;
    }

    /** The plugin key, else {@code OTEL_EXPORTER_OTLP_TRACES_<NAME>}, else {@code OTEL_EXPORTER_OTLP_<NAME>}. */
    private static String setting(PluginConfig config, Map<String, String> env, String key, String name, String fallback) {
        String value = config.string(key, "");
        if (!value.isBlank()) {
            return value.trim();
        }
        if (name == null) {
            value = env.getOrDefault("OTEL_SERVICE_NAME", "");
        } else {
            value = env.getOrDefault("OTEL_EXPORTER_OTLP_TRACES_" + name, env.getOrDefault("OTEL_EXPORTER_OTLP_" + name, ""));
        }
        return value.isBlank() ? fallback : value.trim();
    }

    /** {@code k=v,k2=v2} as the OpenTelemetry specification writes headers; values may be URL-encoded. */
    static Map<String, String> headers(String list) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String pair : list.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(key("headers"), "expected name=value pairs separated by commas");
            }
            headers.put(pair.substring(0, eq).trim(),
                    URLDecoder.decode(pair.substring(eq + 1).trim(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static void check(String name, String endpoint) {
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key(name), "not a URL: " + endpoint);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new ConfigException(key(name), "must be an http:// or https:// URL");
        }
    }

    private static Duration millis(String ms) {
        try {
            return Duration.ofMillis(Long.parseLong(ms.trim()));
        } catch (NumberFormatException e) {
            throw new ConfigException("OTEL_EXPORTER_OTLP_TIMEOUT", "must be milliseconds");
        }
    }

    private static void positive(String name, long value) {
        if (value < 1) {
            throw new ConfigException(key(name), "must be positive");
        }
    }

    private static String key(String name) {
        return "plugin." + OtlpExportFactory.ID + "." + name;
    }

    /** Headers hold credentials: never in a log line. */
    @Override
    public String toString() {
        return "endpoint=" + endpoint + " headers=" + headers.keySet() + " compression=" + compression;
    }
}
