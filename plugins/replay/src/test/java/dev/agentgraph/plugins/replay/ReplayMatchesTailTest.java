package dev.agentgraph.plugins.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.agentgraph.plugins.alive.AliveAgentsFactory;
import dev.agentgraph.plugins.claudecode.ClaudeCodeFactory;
import dev.agentgraph.plugins.jsonltail.JsonlTailFactory;
import dev.agentgraph.testkit.EventFiles;
import dev.agentgraph.testkit.TestAgentGraph;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording replayed fast ends in the same state as the same lines fed live through the event
 * file's tail: both go through the real Claude Code decoder and alive-agents reducer.
 */
class ReplayMatchesTailTest {

    /** Appended last; once it is alive, every line before it went through the reducers. */
    private static final String MARKER =
            "{\"event\":\"agent_spawn\",\"session_id\":\"zz-marker\",\"id\":\"zz-marker\",\"subagent_type\":\"marker\"}";

    @TempDir
    Path dir;

    @Test
    void theWholeRecordingEndsWithTheSameAliveSet() throws Exception {
        List<String> lines = fixture();
        Set<String> viaTail = throughTail(lines);
        assertThat(throughReplay(lines)).isEqualTo(viaTail);
    }

    @Test
    void halfWayThroughTheSameAgentsAreAliveWithTheSameParents() throws Exception {
        List<String> lines = fixture().subList(0, 30);
        Set<String> viaTail = throughTail(lines);
        assertThat(viaTail).as("agents alive half-way").isNotEmpty();
        assertThat(throughReplay(lines)).isEqualTo(viaTail);
    }

    private Set<String> throughTail(List<String> lines) {
        Path events = dir.resolve("tail-" + lines.size() + ".jsonl");
        SnapshotProbe probe = new SnapshotProbe();
        try (TestAgentGraph graph = pipeline(probe).component(new JsonlTailFactory()).eventsFile(events).start()) {
            for (String line : lines) {
                EventFiles.append(events, line);
            }
            EventFiles.append(events, MARKER);
            return aliveOnceMarked(probe);
        }
    }

    private Set<String> throughReplay(List<String> lines) throws IOException {
        Path recording = dir.resolve("recording-" + lines.size() + ".jsonl");
        List<String> all = new ArrayList<>(lines);
        all.add(MARKER);
        Files.write(recording, all, StandardCharsets.UTF_8);
        SnapshotProbe probe = new SnapshotProbe();
        try (TestAgentGraph graph = pipeline(probe).component(new ReplaySourceFactory())
                .set("plugin.replay.enabled", "true").set("plugin.replay.file", recording.toString())
                .set("plugin.replay.speed", "1000").eventsFile(dir.resolve("unused.jsonl")).start()) {
            return aliveOnceMarked(probe);
        }
    }

    private static TestAgentGraph.Builder pipeline(SnapshotProbe probe) {
        return TestAgentGraph.builder().component(new ClaudeCodeFactory()).component(new AliveAgentsFactory())
                .component(probe);
    }

    /** The alive set (session/id/parent) from a snapshot, once the marker is in it. */
    private static Set<String> aliveOnceMarked(SnapshotProbe probe) {
        List<Set<String>> result = new ArrayList<>();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Set<String> alive = alive(probe.snapshots.take().body());
            if (alive.remove("zz-marker/zz-marker/main")) {
                result.add(alive);
                return true;
            }
            return false;
        });
        return result.get(0);
    }

    private static Set<String> alive(JsonObject snapshot) {
        Set<String> set = new TreeSet<>();
        JsonArray alive = snapshot.getAsJsonArray("alive");
        for (JsonElement e : alive) {
            JsonObject a = e.getAsJsonObject();
            set.add(string(a, "session_id", "default") + "/" + string(a, "id", "?") + "/" + string(a, "parent_id", "main"));
        }
        return set;
    }

    private static String string(JsonObject o, String field, String fallback) {
        return o.has(field) && o.get(field).isJsonPrimitive() ? o.get(field).getAsString() : fallback;
    }

    private static List<String> fixture() throws IOException {
        try (InputStream in = Objects.requireNonNull(
                ReplayMatchesTailTest.class.getResourceAsStream("/two-sessions-interleaved.jsonl"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }
}
