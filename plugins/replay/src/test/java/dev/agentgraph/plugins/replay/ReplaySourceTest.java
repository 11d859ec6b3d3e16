package dev.agentgraph.plugins.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import dev.agentgraph.testkit.TestAgentGraph;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplaySourceTest {

    @TempDir
    Path dir;

    private TestAgentGraph start(Recorder recorder, Path file, String speed) {
        return TestAgentGraph.builder().component(new ReplaySourceFactory()).component(recorder)
                .set("plugin.replay.enabled", "true").set("plugin.replay.file", file.toString())
                .set("plugin.replay.speed", speed).start();
    }

    @Test
    void keepsTheRecordedTimingScaledBySpeed() throws Exception {
        Path file = dir.resolve("recorded.jsonl");
        Files.writeString(file, """
                {"ts":"2026-05-02T13:00:00.000Z","event":"agent_spawn","id":"a1"}
                {"ts":"2026-05-02T13:00:02.000Z","event":"tool_use","agent_id":"a1","tool":"Bash","id":"t1"}
                {"ts":"2026-05-02T13:00:04.000Z","event":"agent_done","id":"a1","outcome":"functional"}
                """);
        Recorder recorder = new Recorder();
        try (TestAgentGraph graph = start(recorder, file, "5")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> recorder.arrivals.size() == 3);
            long spanMillis = (recorder.arrivals.get(2).nanos() - recorder.arrivals.get(0).nanos()) / 1_000_000;
            assertThat(spanMillis).as("4 s recorded at speed 5").isBetween(700L, 2_500L);
            assertThat(recorder.ids()).containsExactly("a1", "t1", "a1");
            assertThat(recorder.arrivals.get(0).event().string("ts")).isEqualTo("2026-05-02T13:00:00.000Z");
        }
    }

    @Test
    void skipsAndCountsBadLinesLikeTheTailAndPlaysEveryGoodOne() throws Exception {
        Path file = dir.resolve("mixed.jsonl");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("{\"event\":\"agent_spawn\",\"id\":\"good1\"}\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("{not json\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(("{\"event\":\"x\",\"pad\":\"" + "y".repeat(200) + "\"}\n").getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}', '\n'});
        bytes.writeBytes("\n[1,2]\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("{\"event\":\"agent_done\",\"id\":\"good2\"}".getBytes(StandardCharsets.UTF_8));
        Files.write(file, bytes.toByteArray());
        Recorder recorder = new Recorder();
        try (TestAgentGraph graph = TestAgentGraph.builder().component(new ReplaySourceFactory()).component(recorder)
                .set("plugin.replay.enabled", "true").set("plugin.replay.file", file.toString())
                .set("plugin.replay.speed", "1000").set("plugin.replay.max-line", "128").start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> recorder.arrivals.size() == 2);
            assertThat(recorder.ids()).containsExactly("good1", "good2");
            JsonObject counters = graph.stats().getAsJsonObject("components").getAsJsonObject("replay").getAsJsonObject("counters");
            assertThat(counters.get("invalid_json").getAsLong()).isEqualTo(2);
            assertThat(counters.get("too_long").getAsLong()).isEqualTo(1);
            assertThat(counters.get("invalid_utf8").getAsLong()).isEqualTo(1);
            assertThat(counters.get("events").getAsLong()).isEqualTo(2);
        }
    }

    @Test
    void aMissingFileOrBadSpeedIsAConfigurationErrorNamingTheKey() throws Exception {
        assertThatThrownBy(() -> start(new Recorder(), dir.resolve("nope.jsonl"), "1"))
                .hasMessageContaining("plugin.replay.file");
        Path file = Files.writeString(dir.resolve("ok.jsonl"), "{\"event\":\"a\"}\n");
        assertThatThrownBy(() -> start(new Recorder(), file, "-2")).hasMessageContaining("plugin.replay.speed");
        assertThat(new ReplaySourceFactory().enabledByDefault()).isFalse();
    }
}
