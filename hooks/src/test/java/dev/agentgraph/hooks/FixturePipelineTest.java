package dev.agentgraph.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Claude Code fixture, line by line through the real hook script into the event file of a
 * running AgentGraph (jsonl-tail, claude-code, alive-agents, tool-aggregator, websocket), checked
 * from a real WebSocket client: the canonical events it receives and the alive set a newly
 * connected client is given.
 */
class FixturePipelineTest {

    @TempDir
    Path dir;
    private TestAgentGraph graph;
    private WsClient ws;
    private Path events;
    private List<String> lines;

    private void start(String fixture) {
        Hook.Shell.DASH.assumeInstalled();
        events = dir.resolve("memory/agent-events.jsonl");
        graph = TestAgentGraph.builder().eventsFile(events)
                .component(new JsonlTailFactory())
                .component(new ClaudeCodeFactory())
                .component(new AliveAgentsFactory())
                .component(new ToolAggregatorFactory())
                .component(new WebSocketSinkFactory())
                .start();
        ws = WsClient.connect(graph.ws("/stream"));
        ws.snapshot();
        try (InputStream in = getClass().getResourceAsStream("/fixtures/" + fixture)) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        if (ws != null) {
            ws.close();
        }
        if (graph != null) {
            graph.close();
        }
    }

    /** Runs the hook for lines [from, to). */
    private void feed(int from, int to) {
        for (int i = from; i < to; i++) {
            Hook.Result r = Hook.run(Hook.Shell.DASH, events, lines.get(i));
            assertThat(r.exit()).isZero();
            assertThat(r.out() + r.err()).isEmpty();
        }
    }

    private JsonObject awaitEvent(Predicate<JsonObject> data) {
        return ws.awaitFrame(f -> "event".equals(str(f, "type")) && data.test(f.getAsJsonObject("data")))
                .getAsJsonObject("data");
    }

    private static Predicate<JsonObject> is(String type, String field, String value) {
        return d -> type.equals(str(d, "event")) && value.equals(str(d, field));
    }

    private List<JsonObject> events(String type) {
        List<JsonObject> found = new ArrayList<>();
        for (JsonObject f : ws.frames()) {
            if ("event".equals(str(f, "type")) && type.equals(str(f.getAsJsonObject("data"), "event"))) {
                found.add(f.getAsJsonObject("data"));
            }
        }
        return found;
    }

    /** The alive set a client connecting now receives: agent id to its JSON. */
    private Map<String, JsonObject> alive() {
        try (WsClient fresh = WsClient.connect(graph.ws("/stream"))) {
            Map<String, JsonObject> alive = new HashMap<>();
            for (JsonElement a : fresh.snapshot().getAsJsonArray("alive")) {
                alive.put(str(a.getAsJsonObject(), "id"), a.getAsJsonObject());
            }
            return alive;
        }
    }

    private static String str(JsonObject o, String field) {
        JsonElement e = o == null ? null : o.get(field);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    private void assertOnlyCanonicalEventsReachedTheClient() {
        for (JsonObject f : ws.frames()) {
            if ("event".equals(str(f, "type"))) {
                JsonObject data = f.getAsJsonObject("data");
                assertThat(str(data, "event")).as(data.toString()).isNotNull();
                assertThat(data.has("hook_event_name")).as("a raw payload reached a client: " + data).isFalse();
            }
        }
    }

    @Test
    void backgroundAgentOutlivesItsLaunchAndLeavesAtItsStop() {
        start("session-background-and-foreground.jsonl");
        String bg = "ac17149d439536b32";
        String fg = "a947ccf25ec84d8db";
        feed(0, 5); // ... SubagentStart, then PostToolUse of Agent with status async_launched
        awaitEvent(is("tool_done", "tool_use_id", "toolu_01D9iPCFdcERFmdD3nHQrroD"));
        Map<String, JsonObject> alive = alive();
        assertThat(alive).containsKey(bg);
        assertThat(str(alive.get(bg), "parent_id")).isEqualTo("main");
        assertThat(str(alive.get(bg), "subagent_type")).isEqualTo("Explore");
        assertThat(events("agent_done")).isEmpty();

        feed(5, 22); // through the background agent's SubagentStop
        JsonObject done = awaitEvent(is("agent_done", "id", bg));
        assertThat(str(done, "outcome")).isEqualTo("functional");
        alive = alive();
        assertThat(alive).doesNotContainKey(bg).containsKey(fg);

        feed(22, lines.size());
        awaitEvent(is("session_end", "session_id", "52e6b438-f2a7-4269-8651-0c5ca6a3a450"));
        assertThat(str(awaitEvent(is("agent_done", "id", fg)), "outcome")).isEqualTo("partial");
        assertThat(alive()).isEmpty();
        assertThat(events("tool_failed")).singleElement().satisfies(e -> assertThat(str(e, "agent_id")).isEqualTo(fg));
        assertThat(events("skill_use")).singleElement().satisfies(e -> assertThat(str(e, "skill")).isEqualTo("security-review"));
        assertOnlyCanonicalEventsReachedTheClient();
    }

    @Test
    void nestedAgentsHangFromTheirTrueParents() {
        start("session-nested-subagents.jsonl");
        feed(0, 15); // through the third agent's SubagentStart
        awaitEvent(is("agent_spawn", "id", "ae50454f31af31768"));
        Map<String, JsonObject> alive = alive();
        assertThat(alive).hasSize(3);
        assertThat(str(alive.get("aa767c76fb008f86b"), "parent_id")).isEqualTo("main");
        assertThat(str(alive.get("aec255404e4fb4400"), "parent_id")).isEqualTo("aa767c76fb008f86b");
        assertThat(str(alive.get("ae50454f31af31768"), "parent_id")).isEqualTo("aec255404e4fb4400");
        assertThat(alive.values()).allSatisfy(a -> assertThat(a.get("parent_inferred").getAsBoolean()).isFalse());

        feed(15, lines.size());
        awaitEvent(is("session_end", "session_id", "d42fddbb-b12a-4295-8842-348805e999f3"));
        assertThat(events("agent_done")).hasSize(3).allSatisfy(e -> assertThat(str(e, "outcome")).isEqualTo("functional"));
        assertThat(alive()).isEmpty();
        assertOnlyCanonicalEventsReachedTheClient();
    }

    @Test
    void legacyTaskSessionGetsSpawnAndCompletion() {
        start("session-legacy-task-tool.jsonl");
        String task = "toolu_01tZKS7JfQyGb7hLt4QLwdib";
        feed(0, 4); // the PreToolUse of Task, then the next tool call
        awaitEvent(is("agent_spawn", "id", task));
        assertThat(str(alive().get(task), "parent_id")).isEqualTo("main");

        feed(4, lines.size());
        JsonObject done = awaitEvent(is("agent_done", "id", task));
        assertThat(str(done, "outcome")).isEqualTo("functional");
        assertThat(done.get("cost_usd").getAsDouble()).isPositive();
        assertThat(done.get("cost_partial").getAsBoolean()).isTrue();
        awaitEvent(is("session_end", "session_id", "12b80aed-3672-4ab6-84d8-1f52c8b007ee"));
        assertThat(alive()).isEmpty();
        assertOnlyCanonicalEventsReachedTheClient();
    }

    @Test
    void interruptedSessionLeavesNothingAliveAfterSessionEnd() {
        start("session-interrupted.jsonl");
        feed(0, lines.size() - 1);
        awaitEvent(is("tool_done", "tool_use_id", "toolu_01mWRC7VPYMAXaFgTisNRi0A"));
        assertThat(alive()).containsOnlyKeys("a4173581569969e58", "ac967a64cb14028d5");
        assertThat(events("waiting")).singleElement()
                .satisfies(e -> assertThat(str(e, "message")).isEqualTo("Claude needs your permission to use Bash"));

        feed(lines.size() - 1, lines.size());
        awaitEvent(is("agent_done", "id", "a4173581569969e58"));
        awaitEvent(is("agent_done", "id", "ac967a64cb14028d5"));
        assertThat(events("agent_done")).hasSize(2)
                .allSatisfy(e -> assertThat(str(e, "outcome")).isEqualTo("session_ended"));
        assertThat(events("session_end")).singleElement().satisfies(e -> assertThat(str(e, "reason")).isEqualTo("other"));
        assertThat(alive()).isEmpty();
        assertOnlyCanonicalEventsReachedTheClient();
    }

    @Test
    void twoInterleavedSessionsNeverMix() {
        start("two-sessions-interleaved.jsonl");
        String a = "43a08f06-d129-416f-824d-963866465d28";
        String b = "bd313bee-bd1e-4f9e-8a71-67fd429a7079";
        feed(0, 30); // every agent of both sessions is alive here
        awaitEvent(is("tool_done", "tool_use_id", "toolu_01fTWs47RgjRmRBcwsVDBNh7"));
        Map<String, JsonObject> alive = alive();
        assertThat(alive).containsOnlyKeys("a41d4072014b3ce10", "a8c662248b483b7ff", "a725a2a7b860dcd6c",
                "aee737443e2104719", "ad287db7f1adbc609");
        Map<String, String> sessionOf = Map.of("a41d4072014b3ce10", a, "a8c662248b483b7ff", a,
                "a725a2a7b860dcd6c", b, "aee737443e2104719", b, "ad287db7f1adbc609", b);
        sessionOf.forEach((id, session) -> assertThat(str(alive.get(id), "session_id")).as(id).isEqualTo(session));
        assertThat(str(alive.get("aee737443e2104719"), "parent_id")).isEqualTo("a725a2a7b860dcd6c");
        assertThat(str(alive.get("ad287db7f1adbc609"), "parent_id")).isEqualTo("aee737443e2104719");
        assertThat(str(alive.get("a8c662248b483b7ff"), "parent_id")).isEqualTo("main");

        feed(30, lines.size());
        awaitEvent(is("session_end", "session_id", a));
        awaitEvent(is("session_end", "session_id", b));
        assertThat(alive()).isEmpty();
        for (String type : List.of("agent_spawn", "agent_done", "tool_use", "tool_done", "tool_failed", "skill_use")) {
            for (JsonObject e : events(type)) {
                String agent = str(e, "agent_spawn".equals(type) || "agent_done".equals(type) ? "id" : "agent_id");
                if (sessionOf.containsKey(agent)) {
                    assertThat(str(e, "session_id")).as(e.toString()).isEqualTo(sessionOf.get(agent));
                }
            }
        }
        assertThat(events("agent_done")).hasSize(5).noneMatch(e -> "session_ended".equals(str(e, "outcome")));
        assertOnlyCanonicalEventsReachedTheClient();
    }
}
