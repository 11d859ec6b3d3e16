package dev.agentgraph.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.agentgraph.plugins.alive.AliveAgentsFactory;
import dev.agentgraph.plugins.claudecode.ClaudeCodeFactory;
import dev.agentgraph.plugins.jsonltail.JsonlTailFactory;
import dev.agentgraph.plugins.tools.ToolAggregatorFactory;
import dev.agentgraph.plugins.websocket.WebSocketSinkFactory;
import dev.agentgraph.testkit.TestAgentGraph;
import dev.agentgraph.testkit.WsClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real payloads captured from Claude Code, line by line through the real hook into a running
 * AgentGraph: the whole sequences of {@code claude-code-real/sequences/}, and all of
 * {@code payloads.jsonl} (178 payloads of many sessions) in the order they stand there. After every line, each alive
 * sub-agent carries the model its payloads revealed up to that line (an independent account:
 * {@link RevealedModels}); no payload is an unknown event; the pipeline has no error; at the end of
 * a whole sequence nothing is alive.
 */
class RealSequencesTest {

    @TempDir
    Path dir;
    private TestAgentGraph graph;

    static Stream<Arguments> sequences() {
        List<Arguments> all = new ArrayList<>();
        for (String name : List.of("shepherd_I01_interactive", "shepherd_S01_startup_tools", "shepherd_S05_compact",
                "shepherd_S07_bad_model")) {
            all.add(Arguments.of(name, lines("/fixtures/claude-code-real/sequences/" + name + ".jsonl"), true));
        }
        // The single payloads, many sessions interleaved as they stand in the file; not whole sessions.
        all.add(Arguments.of("payloads.jsonl", lines("/fixtures/claude-code-real/payloads.jsonl"), false));
        return all.stream();
    }

    @AfterEach
    void stop() {
        if (graph != null) {
            graph.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void realSessionThroughTheHookShowsWhatItsPayloadsRevealed(String name, List<String> lines, boolean whole) {
        Hook.Shell.DASH.assumeInstalled();
        Path events = dir.resolve("memory/agent-events.jsonl");
        graph = TestAgentGraph.builder().eventsFile(events)
                .component(new JsonlTailFactory())
                .component(new ClaudeCodeFactory())
                .component(new AliveAgentsFactory())
                .component(new ToolAggregatorFactory())
                .component(new WebSocketSinkFactory())
                .start();
        RevealedModels revealed = new RevealedModels();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Hook.Result r = Hook.run(Hook.Shell.DASH, events, line);
            assertThat(r.exit()).isZero();
            revealed.see(JsonParser.parseString(line).getAsJsonObject());
            long decoded = i + 1;
            await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(10))
                    .until(() -> counter("decoded") == decoded);
            for (JsonObject agent : alive()) {
                String id = RevealedModels.str(agent, "id");
                assertThat(RevealedModels.str(agent, "model"))
                        .as("%s line %d: the model of alive agent %s", name, i + 1, id)
                        .isEqualTo(revealed.of(id));
            }
        }
        assertThat(counter("unknown_hooks")).as("unknown hook events").isZero();
        assertThat(graph.stats().getAsJsonObject("pipeline").get("errors").getAsLong()).isZero();
        // What the page is sent when it joins is that same state.
        try (WsClient ws = WsClient.connect(graph.ws("/stream"))) {
            assertThat(list(ws.snapshot())).isEqualTo(alive());
        }
        if (whole) {
            assertThat(alive()).as("alive at the end of " + name).isEmpty();
        }
    }

    /**
     * The alive agents, from a snapshot taken on the pipeline thread: a snapshot after every line
     * through a new WebSocket each (hundreds of connections in seconds) tested connection churn,
     * not what the payloads reveal; the page's own join is checked once at the end.
     */
    private List<JsonObject> alive() {
        try {
            return list(graph.graph().snapshots().take().body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static List<JsonObject> list(JsonObject snapshot) {
        List<JsonObject> list = new ArrayList<>();
        for (JsonElement a : snapshot.getAsJsonArray("alive")) {
            list.add(a.getAsJsonObject());
        }
        return list;
    }

    /** A counter of the claude-code decoder, from the server's stats. */
    private long counter(String name) {
        JsonObject component = graph.stats().getAsJsonObject("components").getAsJsonObject("claude-code");
        JsonObject counters = component.has("counters") ? component.getAsJsonObject("counters") : component;
        JsonElement v = counters.get(name);
        return v == null ? 0 : v.getAsLong();
    }

    private static List<String> lines(String resource) {
        try (InputStream in = RealSequencesTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
