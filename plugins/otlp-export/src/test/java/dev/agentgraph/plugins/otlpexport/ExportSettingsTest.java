package dev.agentgraph.plugins.otlpexport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentgraph.api.ConfigException;
import dev.agentgraph.runtime.config.ComponentConfig;
import dev.agentgraph.runtime.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plugin's keys first, then the standard OTEL_EXPORTER_OTLP_* variables, then OTLP's defaults. */
class ExportSettingsTest {

    private static ExportSettings read(Map<String, String> keys, Map<String, String> env) {
        Settings settings = Settings.empty();
        for (Map.Entry<String, String> e : keys.entrySet()) {
            settings = settings.with("plugin.otlp-export." + e.getKey(), e.getValue());
        }
        return ExportSettings.read(new ComponentConfig(settings, "otlp-export"), env);
    }

    @Test
    void defaultsAreOtlps() {
        ExportSettings s = read(Map.of(), Map.of());
        assertThat(s.endpoint()).isEqualTo("http://localhost:4318/v1/traces");
        assertThat(s.headers()).isEmpty();
        assertThat(s.compression()).isEqualTo("none");
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.serviceName()).isEqualTo("agentgraph");
    }

    @Test
    void theStandardVariablesAreHonoured() {
        ExportSettings s = read(Map.of(), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "https://collector.internal:4318/",
                "OTEL_EXPORTER_OTLP_HEADERS", "api-key=a%3Db,x-team=infra", "OTEL_EXPORTER_OTLP_COMPRESSION", "gzip",
                "OTEL_EXPORTER_OTLP_TIMEOUT", "2500", "OTEL_SERVICE_NAME", "agentgraph-central",
                "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"));
        assertThat(s.endpoint()).isEqualTo("https://collector.internal:4318/v1/traces");
        assertThat(s.headers()).containsExactly(Map.entry("api-key", "a=b"), Map.entry("x-team", "infra"));
        assertThat(s.compression()).isEqualTo("gzip");
        assertThat(s.timeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(s.serviceName()).isEqualTo("agentgraph-central");
        assertThat(s.toString()).doesNotContain("a=b");
    }

    @Test
    void theTracesVariablesAndThePluginKeysComeFirst() {
        Map<String, String> env = Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://generic:4318",
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://traces:4318/custom/path");
        assertThat(read(Map.of(), env).endpoint()).isEqualTo("http://traces:4318/custom/path");
        assertThat(read(Map.of("endpoint", "http://configured:9000/v1/traces"), env).endpoint())
                .isEqualTo("http://configured:9000/v1/traces");
    }

    @Test
    void whatCannotBeSentIsRefusedByName() {
        assertThatThrownBy(() -> read(Map.of(), Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("plugin.otlp-export.protocol");
        assertThatThrownBy(() -> read(Map.of("endpoint", "ftp://x"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("plugin.otlp-export.endpoint");
        assertThatThrownBy(() -> read(Map.of("headers", "novalue"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("plugin.otlp-export.headers");
    }
}
