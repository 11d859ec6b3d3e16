package dev.agentgraph.plugins.claudecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentgraph.api.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PricingTest {

    private static final String PREFIX = "plugin.claude-code.pricing.";

    @Test
    void defaultsMatchModelsByFamily() {
        Pricing p = Pricing.defaults();
        assertThat(p.forModel("claude-opus-4-7").output()).isEqualTo(25.0);
        assertThat(p.forModel("claude-haiku-4-5-20251001").input()).isEqualTo(1.0);
        assertThat(p.forModel("sonnet").cacheRead()).isEqualTo(0.30);
        assertThat(p.forModel("gpt-5")).isNull();
    }

    @Test
    void configurationOverridesAndAddsFamilies() {
        Pricing p = Pricing.from(Map.of("opus.output", "75", "sonnet-5-5.input", "2", "sonnet-5-5.cache-write-5m", "2.5",
                "sonnet-5-5.cache-write-1h", "4", "sonnet-5-5.cache-read", "0.1", "sonnet-5-5.output", "10"), (k, m) -> new dev.agentgraph.api.ConfigException(PREFIX + k, m));
        assertThat(p.forModel("claude-opus-4-7").output()).isEqualTo(75.0);
        assertThat(p.forModel("claude-opus-4-7").input()).isEqualTo(5.0);
        assertThat(p.forModel("claude-sonnet-5-5").output()).isEqualTo(10.0);
        assertThat(p.forModel("claude-sonnet-4-5").output()).isEqualTo(15.0);
    }

    @Test
    void badKeysNameTheKey() {
        assertThatThrownBy(() -> Pricing.from(Map.of("opus.inptu", "1"), (k, m) -> new dev.agentgraph.api.ConfigException(PREFIX + k, m)))
                .isInstanceOf(ConfigException.class).hasMessageContaining(PREFIX + "opus.inptu");
        assertThatThrownBy(() -> Pricing.from(Map.of("opus.input", "cheap"), (k, m) -> new dev.agentgraph.api.ConfigException(PREFIX + k, m)))
                .isInstanceOf(ConfigException.class).hasMessageContaining(PREFIX + "opus.input");
        assertThatThrownBy(() -> Pricing.from(Map.of("mythos.input", "10"), (k, m) -> new dev.agentgraph.api.ConfigException(PREFIX + k, m)))
                .isInstanceOf(ConfigException.class).hasMessageContaining(PREFIX + "mythos.");
    }
}
