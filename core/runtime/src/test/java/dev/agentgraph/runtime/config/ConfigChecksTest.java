package dev.agentgraph.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentgraph.api.ConfigException;
import dev.agentgraph.api.PluginConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PluginConfig's range checks: each refusal names the full key and the value at fault. */
class ConfigChecksTest {

    private static PluginConfig config(Map<String, String> keys) {
        return new ComponentConfig(Settings.of(Map.of(), Map.of(), keys), "codex");
    }

    @Test
    void rangesAreCheckedAndTheFullKeyIsNamed() {
        PluginConfig c = config(Map.of("plugin.codex.max-sessions", "0", "plugin.codex.session-idle", "0s",
                "plugin.codex.max-line", "10", "plugin.codex.max-body", "0"));
        assertThatThrownBy(() -> c.positive("max-sessions", 1024)).isInstanceOf(ConfigException.class)
                .hasMessage("plugin.codex.max-sessions: must be at least 1, not 0")
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("plugin.codex.max-sessions"));
        assertThatThrownBy(() -> c.positive("session-idle", Duration.ofHours(1)))
                .hasMessage("plugin.codex.session-idle: must be positive");
        assertThatThrownBy(() -> c.atLeast("max-line", 64, 1024)).hasMessage("plugin.codex.max-line: must be at least 64, not 10");
        assertThatThrownBy(() -> c.positiveBytes("max-body", 1)).hasMessage("plugin.codex.max-body: must be positive");
        assertThat(c.invalid("format", "must be json").getMessage()).isEqualTo("plugin.codex.format: must be json");
        assertThat(config(Map.of()).positive("max-sessions", 1024)).as("the default when unset").isEqualTo(1024);
    }
}
