package dev.agentgraph.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentgraph.api.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValuesTest {

    @Test
    void durationsInShortFormAndIso() {
        assertThat(Values.duration("k", "250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Values.duration("k", "30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Values.duration("k", "30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(Values.duration("k", "2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Values.duration("k", "1d")).isEqualTo(Duration.ofDays(1));
        assertThat(Values.duration("k", "PT30M")).isEqualTo(Duration.ofMinutes(30));
        assertThatThrownBy(() -> Values.duration("plugin.x.timeout", "soon"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("plugin.x.timeout: \"soon\" is not a duration");
        assertThatThrownBy(() -> Values.duration("k", "-PT1S")).isInstanceOf(ConfigException.class);
    }

    @Test
    void sizesInBinaryUnits() {
        assertThat(Values.bytes("k", "1048576")).isEqualTo(1_048_576);
        assertThat(Values.bytes("k", "64k")).isEqualTo(65_536);
        assertThat(Values.bytes("k", "64KiB")).isEqualTo(65_536);
        assertThat(Values.bytes("k", "1m")).isEqualTo(1_048_576);
        assertThat(Values.bytes("k", "1g")).isEqualTo(1L << 30);
        assertThatThrownBy(() -> Values.bytes("k", "1.5m")).isInstanceOf(ConfigException.class).hasMessageContaining("k:");
        assertThatThrownBy(() -> Values.bytes("k", "99999999999999999999g")).isInstanceOf(ConfigException.class);
    }

    @Test
    void booleansNumbersAndPorts() {
        assertThat(Values.bool("k", "yes")).isTrue();
        assertThat(Values.bool("k", "OFF")).isFalse();
        assertThatThrownBy(() -> Values.bool("k", "maybe")).hasMessage("k: \"maybe\" is not true or false");
        assertThat(Values.port("server.port", "0")).isZero();
        assertThatThrownBy(() -> Values.port("server.port", "70000")).hasMessageStartingWith("server.port:");
        assertThatThrownBy(() -> Values.integer("k", "12x")).hasMessage("k: \"12x\" is not a whole number");
        assertThatThrownBy(() -> Values.number("k", "NaN")).isInstanceOf(ConfigException.class);
    }

    @Test
    void aLeadingTildeIsTheHomeDirectory() {
        assertThat(Values.path("k", "~/.claude/x.jsonl"))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".claude", "x.jsonl"));
        assertThat(Values.path("k", "/tmp/a")).isEqualTo(Path.of("/tmp/a"));
    }

    @Test
    void explicitSettingsBeatTheEnvironmentWhichBeatsTheFile() {
        Settings s = Settings.of(Map.of("server.port", "1", "events.file", "/f", "server.host", "127.0.0.2"),
                Map.of("AGENTGRAPH_SERVER_PORT", "2", "AGENTGRAPH_EVENTS_FILE", "/e", "PATH", "/bin"),
                Map.of("server.port", "3"));
        assertThat(s.get("server.port")).contains("3");
        assertThat(s.get("events.file")).contains("/e");
        assertThat(s.get("server.host")).contains("127.0.0.2");
        assertThat(Settings.envName("plugin.jsonl-tail.max-line")).isEqualTo("AGENTGRAPH_PLUGIN_JSONL_TAIL_MAX_LINE");
    }

    @Test
    void theFileIsReadAndAMissingOneIsOneClearError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("agentgraph.properties");
        Files.writeString(file, "# comment\nserver.port = 9000\n");
        assertThat(SettingsLoader.load(file, Map.of(), Map.of()).get("server.port")).contains("9000");
        assertThat(SettingsLoader.load(null, Map.of("AGENTGRAPH_CONFIG", file.toString()), Map.of()).get("server.port"))
                .contains("9000");
        assertThatThrownBy(() -> SettingsLoader.load(dir.resolve("nope.properties"), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nope.properties").hasMessageContaining("no such file");
    }

    @Test
    void coreConfigNamesTheKeyOfEveryProblem() {
        assertThat(CoreConfig.from(Settings.empty()).port()).isEqualTo(8201);
        assertThat(CoreConfig.from(Settings.empty()).host()).isEqualTo("127.0.0.1");
        assertThat(CoreConfig.from(Settings.empty()).eventsFile().toString()).endsWith(".local/state/agentgraph/events.jsonl");
        assertThatThrownBy(() -> CoreConfig.from(Settings.empty().with("sever.port", "1")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("sever.port"));
        assertThatThrownBy(() -> CoreConfig.from(Settings.empty().with("server.port", "http")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("server.port"));
        assertThatThrownBy(() -> CoreConfig.from(Settings.empty().with("plugin.log", "1")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("plugin.log"));
        assertThatThrownBy(() -> CoreConfig.from(Settings.empty().with("server.host", "0.0.0.0")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("server.token"));
        assertThat(CoreConfig.from(Settings.empty().with("server.host", "0.0.0.0").with("server.token", "t-sixteen-chars!")).token())
                .isEqualTo("t-sixteen-chars!");
        assertThat(CoreConfig.from(Settings.empty().with("server.allowed-hosts", " a.lan, b ")).allowedHosts())
                .containsExactly("a.lan", "b");
    }
}
