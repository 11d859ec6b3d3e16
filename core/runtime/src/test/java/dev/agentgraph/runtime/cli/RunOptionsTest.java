package dev.agentgraph.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentgraph.api.ConfigException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RunOptionsTest {

    private static RunOptions parse(String... args) {
        RunOptions options = new RunOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    @Test
    void flagsStandForConfigurationKeys() {
        assertThat(parse("--port", "9000", "--events", "/tmp/e.jsonl", "--demo", "--replay", "r.jsonl", "--speed", "5").explicit())
                .containsEntry("server.port", "9000")
                .containsEntry("events.file", "/tmp/e.jsonl")
                .containsEntry("plugin.demo.enabled", "true")
                .containsEntry("plugin.replay.enabled", "true")
                .containsEntry("plugin.replay.file", "r.jsonl")
                .containsEntry("plugin.replay.speed", "5");
    }

    @Test
    void aDashForTheEventFileReadsStandardInput() {
        assertThat(parse("--events", "-").explicit())
                .containsEntry("plugin.stdin.enabled", "true")
                .containsEntry("events.file", "-");
        assertThat(parse("--events", "/tmp/e.jsonl").explicit()).doesNotContainKey("plugin.stdin.enabled");
    }

    @Test
    void namedFlagsWinOverSetAndBadPairsNameThemselves() {
        assertThat(parse("--set", "server.port=1", "--port", "2").explicit()).containsEntry("server.port", "2");
        assertThatThrownBy(() -> parse("--set", "novalue").explicit()).isInstanceOf(ConfigException.class).hasMessageContaining("novalue");
        assertThatThrownBy(() -> parse("--speed", "3").explicit()).isInstanceOf(ConfigException.class).hasMessageContaining("--replay");
    }
}
