package dev.agentgraph.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.agentgraph.plugins.alive.AliveAgentsFactory;
import dev.agentgraph.plugins.claudecode.ClaudeCodeFactory;
import dev.agentgraph.plugins.codex.CodexFactory;
import dev.agentgraph.plugins.gemini.GeminiFactory;
import dev.agentgraph.plugins.jsonltail.JsonlTailFactory;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Codex CLI and Gemini CLI sessions, line by line through the real hook (run by sh with the
 * runtime's AGENTGRAPH_RUNTIME, as their installed hooks run it) into a running AgentGraph with
 * every decoder: after each line, the alive set a new client gets (who lives, under which parent)
 * and the events that line caused (tool calls and whose they are, waits, failures). Then all
 * three runtimes at once in one server: nothing of one session shows in another.
 */
class RuntimesPipelineTest {

    private static final String CODEX_SESSION = "0199d4a7-3c1e-7b52-a8f0-5e6d7c8b9a01";
    private static final String A = "0199d4a7-6b2f-7e43-8a1c-2d3e4f5a6b71";
    private static final String B = "0199d4a8-0e91-7c65-9d2e-3f4a5b6c7d82";
    private static final String GEMINI_SESSION = "8f2c1d4e-6a7b-4c3d-9e1f-0a2b3c4d5e6f";

    @TempDir
    Path dir;
    private TestAgentGraph graph;
    private WsClient ws;
    private Path events;

    @BeforeEach
    void start() {
        Hook.Shell.DASH.assumeInstalled();
        events = dir.resolve("state/events.jsonl");
        graph = TestAgentGraph.builder().eventsFile(events)
                .component(new JsonlTailFactory())
                .component(new ClaudeCodeFactory())
                .component(new CodexFactory())
                .component(new GeminiFactory())
                .component(new AliveAgentsFactory())
                .component(new WebSocketSinkFactory())
                .start();
        ws = WsClient.connect(graph.ws("/stream"));
        ws.snapshot();
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

    private static List<String> fixture(String name) {
        try (InputStream in = RuntimesPipelineTest.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void hook(String runtime, String line) {
        Map<String, String> env = new HashMap<>();
        env.put("AGENTGRAPH_EVENTS", events.toString());
        if (runtime != null) {
            env.put("AGENTGRAPH_RUNTIME", runtime);
        }
        Hook.Result r = Hook.run(Hook.Shell.DASH, env, (line + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(r.exit()).isZero();
        assertThat(r.out() + r.err()).isEmpty();
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

    /** The alive set of a session as a client connecting now gets it: agent id to parent id. */
    private Map<String, String> alive(String session) {
        try (WsClient fresh = WsClient.connect(graph.ws("/stream"))) {
            Map<String, String> alive = new LinkedHashMap<>();
            for (JsonElement a : fresh.snapshot().getAsJsonArray("alive")) {
                JsonObject agent = a.getAsJsonObject();
                if (session.equals(str(agent, "session_id"))) {
                    alive.put(str(agent, "id"), str(agent, "parent_id"));
                }
            }
            return alive;
        }
    }

    private void awaitAlive(String session, Map<String, String> expected) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(alive(session)).isEqualTo(expected));
    }

    private JsonObject sessionOf(String session) {
        try (WsClient fresh = WsClient.connect(graph.ws("/stream"))) {
            for (JsonElement s : fresh.snapshot().getAsJsonArray("sessions")) {
                if (session.equals(str(s.getAsJsonObject(), "session_id"))) {
                    return s.getAsJsonObject();
                }
            }
            return null;
        }
    }

    private static String str(JsonObject o, String field) {
        JsonElement e = o == null ? null : o.get(field);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    @Test
    void aCodexSessionWithNestedSubAgentsAWaitAndAFailure() {
        List<String> lines = fixture("codex/session-nested-subagents.jsonl");
        hook("codex", lines.get(0));
        JsonObject start = awaitEvent(is("session_start", "session_id", CODEX_SESSION));
        assertThat(str(start, "runtime")).isEqualTo("codex");
        assertThat(str(start, "model")).isEqualTo("gpt-5.3-codex");
        assertThat(str(start, "project")).isEqualTo("payments-api");
        hook("codex", lines.get(1));
        hook("codex", lines.get(2));
        assertThat(str(awaitEvent(is("tool_use", "tool_use_id", "call_Qm3sXc81TgWz0ePy5LkR2nVb")), "agent_id")).isEqualTo("main");
        hook("codex", lines.get(3));
        awaitEvent(is("tool_done", "tool_use_id", "call_Qm3sXc81TgWz0ePy5LkR2nVb"));
        awaitAlive(CODEX_SESSION, Map.of());

        hook("codex", lines.get(4)); // SubagentStart of A, in the orchestrator's turn
        JsonObject spawnA = awaitEvent(is("agent_spawn", "id", A));
        assertThat(str(spawnA, "parent_id")).isEqualTo("main");
        assertThat(spawnA.has("parent_inferred")).as("the turn says who spawned it").isFalse();
        assertThat(str(spawnA, "subagent_type")).isEqualTo("explorer");
        awaitAlive(CODEX_SESSION, Map.of(A, "main"));
        hook("codex", lines.get(5));
        assertThat(str(awaitEvent(is("tool_use", "tool_use_id", "call_7hVd2KpLw9XqRz4mNc6TyB0s")), "agent_id")).isEqualTo(A);
        hook("codex", lines.get(6));
        assertThat(str(awaitEvent(is("tool_done", "tool_use_id", "call_7hVd2KpLw9XqRz4mNc6TyB0s")), "agent_id")).isEqualTo(A);

        hook("codex", lines.get(7)); // SubagentStart of B, in A's turn: A's child
        JsonObject spawnB = awaitEvent(is("agent_spawn", "id", B));
        assertThat(str(spawnB, "parent_id")).isEqualTo(A);
        assertThat(str(spawnB, "model")).isEqualTo("gpt-5.3-codex-mini");
        awaitAlive(CODEX_SESSION, Map.of(A, "main", B, A));
        hook("codex", lines.get(8));
        assertThat(str(awaitEvent(is("tool_use", "tool_use_id", "call_Zp0aW5ecN3yUu8JtHq1LxG6r")), "agent_id")).isEqualTo(B);

        hook("codex", lines.get(9)); // B asks for permission
        JsonObject waiting = awaitEvent(is("waiting", "session_id", CODEX_SESSION));
        assertThat(str(waiting, "agent_id")).isEqualTo(B);
        assertThat(str(waiting, "message")).contains("cargo test -p billing refund");
        hook("codex", lines.get(10)); // and goes on: the wait is over
        awaitEvent(d -> "agent_update".equals(str(d, "event")) && B.equals(str(d, "id")) && d.has("waiting")
                && !d.get("waiting").getAsBoolean());
        assertThat(str(awaitEvent(is("tool_done", "tool_use_id", "call_Zp0aW5ecN3yUu8JtHq1LxG6r")), "agent_id")).isEqualTo(B);

        hook("codex", lines.get(11)); // StopFailure of B
        JsonObject failed = awaitEvent(is("turn_failed", "session_id", CODEX_SESSION));
        assertThat(str(failed, "agent_id")).isEqualTo(B);
        assertThat(str(failed, "error")).startsWith("rate_limit: 429");
        hook("codex", lines.get(12));
        assertThat(str(awaitEvent(is("agent_done", "id", B)), "outcome")).isEqualTo("failure");
        awaitAlive(CODEX_SESSION, Map.of(A, "main"));
        hook("codex", lines.get(13));
        hook("codex", lines.get(14));
        JsonObject doneA = awaitEvent(is("agent_done", "id", A));
        assertThat(str(doneA, "outcome")).isEqualTo("success");
        assertThat(str(doneA, "parent_id")).isEqualTo("main");
        awaitAlive(CODEX_SESSION, Map.of());

        hook("codex", lines.get(15));
        awaitEvent(d -> "session_update".equals(str(d, "event")) && d.has("compacting") && d.get("compacting").getAsBoolean());
        hook("codex", lines.get(16));
        hook("codex", lines.get(17));
        awaitEvent(d -> "session_update".equals(str(d, "event")) && d.has("compacting") && !d.get("compacting").getAsBoolean());
        assertThat(str(sessionOf(CODEX_SESSION), "runtime")).isEqualTo("codex");
        assertThat(alive(CODEX_SESSION)).as("nothing alive at the end").isEmpty();
        assertThat(events("agent_spawn")).hasSize(2);
        assertThat(events("tool_use")).extracting(e -> str(e, "agent_id")).containsExactly("main", A, B);
    }

    @Test
    void aGeminiSessionWhoseSubAgentsAreToolCalls() {
        List<String> lines = fixture("gemini/session-subagent-tool.jsonl");
        hook("gemini", lines.get(0));
        JsonObject start = awaitEvent(is("session_start", "session_id", GEMINI_SESSION));
        assertThat(str(start, "runtime")).isEqualTo("gemini");
        assertThat(str(start, "project")).isEqualTo("web-shop");
        hook("gemini", lines.get(1));
        hook("gemini", lines.get(2));
        JsonObject read = awaitEvent(is("tool_use", "tool", "read_file"));
        assertThat(str(read, "agent_id")).isEqualTo("main");
        hook("gemini", lines.get(3));
        awaitEvent(is("tool_done", "tool_use_id", str(read, "tool_use_id")));
        awaitAlive(GEMINI_SESSION, Map.of());

        hook("gemini", lines.get(4)); // the codebase_investigator call: a sub-agent while it runs
        JsonObject spawn = awaitEvent(is("agent_spawn", "subagent_type", "codebase_investigator"));
        String investigator = str(spawn, "id");
        assertThat(str(spawn, "parent_id")).isEqualTo("main");
        assertThat(spawn.get("parent_inferred").getAsBoolean()).isTrue();
        assertThat(str(spawn, "description")).startsWith("Find every place a payment is retried");
        awaitAlive(GEMINI_SESSION, Map.of(investigator, "main"));
        hook("gemini", lines.get(5));
        hook("gemini", lines.get(6));
        awaitEvent(is("tool_done", "tool", "glob"));
        awaitAlive(GEMINI_SESSION, Map.of(investigator, "main"));
        hook("gemini", lines.get(7));
        assertThat(str(awaitEvent(is("agent_done", "id", investigator)), "outcome")).isEqualTo("success");
        awaitAlive(GEMINI_SESSION, Map.of());

        hook("gemini", lines.get(8));
        hook("gemini", lines.get(9)); // the permission prompt
        assertThat(str(awaitEvent(is("waiting", "session_id", GEMINI_SESSION)), "message")).contains("npm test");
        await().atMost(Duration.ofSeconds(10)).until(() -> sessionOf(GEMINI_SESSION).get("waiting").getAsBoolean());
        hook("gemini", lines.get(10)); // the command failed
        JsonObject failed = awaitEvent(is("tool_failed", "tool", "run_shell_command"));
        assertThat(str(failed, "error")).isEqualTo("Command exited with code: 1");
        await().atMost(Duration.ofSeconds(10)).until(() -> !sessionOf(GEMINI_SESSION).get("waiting").getAsBoolean());

        hook("gemini", lines.get(11));
        String generalist = str(awaitEvent(is("agent_spawn", "subagent_type", "generalist")), "id");
        awaitAlive(GEMINI_SESSION, Map.of(generalist, "main"));
        hook("gemini", lines.get(12));
        assertThat(str(awaitEvent(is("agent_done", "id", generalist)), "outcome")).isEqualTo("failure");
        awaitAlive(GEMINI_SESSION, Map.of());
        hook("gemini", lines.get(13));
        hook("gemini", lines.get(14));
        awaitEvent(is("session_end", "session_id", GEMINI_SESSION));
        assertThat(alive(GEMINI_SESSION)).as("nothing alive at the end").isEmpty();
        assertThat(events("tool_use")).as("Gemini names no agent: every call is the orchestrator's")
                .allSatisfy(e -> assertThat(str(e, "agent_id")).isEqualTo("main")).hasSize(5);
    }

    @Test
    void threeRuntimesAtOnceInOneServerStayApart() {
        List<String> claude = fixture("session-nested-subagents.jsonl");
        List<String> codex = fixture("codex/session-nested-subagents.jsonl");
        List<String> gemini = fixture("gemini/session-subagent-tool.jsonl");
        int most = Math.max(claude.size(), Math.max(codex.size(), gemini.size()));
        for (int i = 0; i < most; i++) {
            if (i < claude.size()) {
                hook(i % 2 == 0 ? "claude-code" : null, claude.get(i)); // marked, and as lines before the mark
            }
            if (i < codex.size()) {
                hook("codex", codex.get(i));
            }
            if (i < gemini.size()) {
                hook("gemini", gemini.get(i));
            }
        }
        awaitEvent(is("session_end", "session_id", GEMINI_SESSION));
        String claudeSession = claudeSessionOf(claude);
        awaitEvent(is("session_end", "session_id", claudeSession));
        await().atMost(Duration.ofSeconds(10)).until(() -> events("agent_done").stream()
                .anyMatch(e -> A.equals(str(e, "id"))));
        Map<String, String> runtimeOf = Map.of(claudeSession, "claude-code", CODEX_SESSION, "codex",
                GEMINI_SESSION, "gemini");
        for (JsonObject start : events("session_start")) {
            assertThat(runtimeOf).containsKey(str(start, "session_id"));
            assertThat(str(start, "runtime")).isEqualTo(runtimeOf.get(str(start, "session_id")));
        }
        assertThat(events("session_start")).extracting(e -> str(e, "session_id")).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(runtimeOf.keySet());
        for (JsonObject f : ws.frames()) {
            if ("event".equals(str(f, "type"))) {
                JsonObject data = f.getAsJsonObject("data");
                assertThat(data.has("hook_event_name")).as("a raw payload reached a client: " + data).isFalse();
                assertThat(runtimeOf).as("every event belongs to one of the three sessions: " + data)
                        .containsKey(str(data, "session_id"));
            }
        }
        assertThat(events("agent_spawn")).filteredOn(e -> CODEX_SESSION.equals(str(e, "session_id")))
                .extracting(e -> str(e, "id")).containsExactly(A, B);
        assertThat(events("tool_use")).filteredOn(e -> GEMINI_SESSION.equals(str(e, "session_id"))).hasSize(5);
        assertThat(events("tool_use")).filteredOn(e -> CODEX_SESSION.equals(str(e, "session_id"))).hasSize(3);
        assertThat(alive(GEMINI_SESSION)).isEmpty();
        assertThat(alive(CODEX_SESSION)).isEmpty();
        assertThat(alive(claudeSession)).isEmpty();
    }

    private static String claudeSessionOf(List<String> lines) {
        return com.google.gson.JsonParser.parseString(lines.get(0)).getAsJsonObject().get("session_id").getAsString();
    }
}
