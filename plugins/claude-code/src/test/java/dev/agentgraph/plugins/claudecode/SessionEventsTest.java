package dev.agentgraph.plugins.claudecode;

import dev.agentgraph.api.HookLine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgraph.api.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the hook events beyond the agent lifecycle show, on real payloads where there are some. */
class SessionEventsTest {

    private final DecoderHarness h = new DecoderHarness();

    private static String real(String hook, String contains) {
        return DecoderHarness.fixture("claude-code-real/payloads.jsonl").stream()
                .filter(l -> l.contains("\"hook_event_name\":\"" + hook + "\"") && l.contains(contains))
                .findFirst().orElseThrow();
    }

    private static List<String> sequence(String name) {
        return DecoderHarness.fixture("claude-code-real/sequences/" + name + ".jsonl");
    }

    @Test
    void aSubagentAskingPermissionWaitsUntilItActsAgain() throws Exception {
        String request = real("PermissionRequest", "\"agent_id\"");
        Event e = Event.parse(request);
        String agent = e.string("agent_id");
        h.feed(request);
        Event waiting = h.only("waiting", x -> true);
        assertThat(waiting.string("agent_id")).isEqualTo(agent);
        assertThat(waiting.string("message")).startsWith("Permission to use ");
        h.feed(Payload.of(e.session(), "PostToolUse").agent(agent, e.string("agent_type")).with("tool_name", "Edit")
                .with("tool_use_id", "toolu_x").json("tool_input", "{}").json("tool_response", "{}").line());
        Event cleared = h.only("agent_update", x -> x.has("waiting"));
        assertThat(cleared.string("id")).isEqualTo(agent);
        assertThat(cleared.bool("waiting", true)).isFalse();
    }

    @Test
    void anInteractivePermissionPromptMakesTheOrchestratorWait() {
        List<String> lines = sequence("shepherd_I01_interactive");
        h.feedAll(lines.subList(0, 5)); // … PreToolUse(Write), PermissionRequest, Notification(permission_prompt)
        assertThat(h.ofType("waiting")).hasSize(2).allSatisfy(w -> assertThat(w.has("agent_id")).isFalse());
        h.feed(lines.get(5)); // the user's next prompt
        assertThat(h.only("agent_update", x -> true).string("id")).isEqualTo("main");
        h.feedAll(lines.subList(6, lines.size()));
        // The internal helper's SubagentStop (agent_type "", no start) draws no node.
        assertThat(h.ofType("agent_spawn")).isEmpty();
        assertThat(h.ofType("agent_done")).isEmpty();
    }

    @Test
    void aDeniedToolAndAFailedTurnAreFailuresWhereTheyHappened() throws Exception {
        h.feed(real("PermissionDenied", "Data Exfiltration"));
        Event failed = h.only("tool_failed", x -> true);
        assertThat(failed.string("agent_id")).isEqualTo("main");
        assertThat(failed.string("tool")).isEqualTo("Bash");
        assertThat(failed.string("error")).isEqualTo("Permission denied: [Data Exfiltration]");

        List<String> bad = sequence("shepherd_S07_bad_model");
        h.feedAll(bad);
        Event turn = h.only("turn_failed", x -> true);
        assertThat(turn.string("agent_id")).isEqualTo("main");
        assertThat(turn.string("error")).isEqualTo(Event.parse(bad.get(bad.size() - 1)).string("error"));
    }

    @Test
    void compactingShowsAndEnds() {
        h.feedAll(sequence("shepherd_S05_compact"));
        List<Event> updates = h.ofType("session_update").stream().filter(x -> x.has("compacting")).toList();
        assertThat(updates).extracting(x -> x.bool("compacting", false)).containsExactly(true, false);
        assertThat(h.ofType("agent_spawn")).as("the compaction helper is no agent").isEmpty();
    }

    @Test
    void cwdChangedMovesTheSessionsProject() {
        String changed = real("CwdChanged", "shp-hooks-watch");
        h.feed(changed.replace("\"cwd\":\"/tmp/shp-hooks-watch-jnn4_1pq/sub\"", "\"cwd\":\"/tmp/shp-hooks-watch-jnn4_1pq\"")
                .replace("CwdChanged", "UserPromptSubmit")); // the session, before it moved
        h.feed(changed);
        Event moved = h.only("session_update", x -> x.has("cwd"));
        assertThat(moved.string("cwd")).isEqualTo("/tmp/shp-hooks-watch-jnn4_1pq/sub");
        assertThat(moved.string("project")).isEqualTo("sub");
    }

    @Test
    void aSessionStartedAsANamedAgentLabelsItsOrchestrator() {
        String probe = DecoderHarness.fixture("claude-code-real/payloads.jsonl").stream()
                .filter(l -> l.contains("\"agent_type\":\"orchestrator\"") && !l.contains("\"agent_id\"")).findFirst()
                .orElseThrow();
        h.feed(probe);
        assertThat(h.only("session_update", x -> x.has("orchestrator_type")).string("orchestrator_type"))
                .isEqualTo("orchestrator");
        assertThat(h.ofType("agent_spawn")).as("the main thread is not a sub-agent").isEmpty();
        assertThat(h.only("tool_use", x -> true).string("agent_id")).isEqualTo("main");
    }

    @Test
    void aSubagentStartAfterItsLaunchJoinsTheSameNode() {
        h.feed(Payload.of("s1", "PreToolUse").with("tool_name", "Agent").with("tool_use_id", "toolu_1")
                .json("tool_input", "{\"description\":\"d\",\"prompt\":\"p\",\"subagent_type\":\"Explore\"}").line());
        h.feed(Payload.of("s1", "PostToolUse").with("tool_name", "Agent").with("tool_use_id", "toolu_1")
                .json("tool_input", "{}").json("tool_response",
                        "{\"isAsync\":true,\"status\":\"async_launched\",\"agentId\":\"a1\",\"resolvedModel\":\"claude-haiku-4-5-20251001\"}")
                .line());
        h.feed(Payload.of("s1", "SubagentStart").agent("a1", "Explore").line());
        assertThat(h.ofType("agent_spawn")).hasSize(1);
        Event spawn = h.spawnOf("a1");
        assertThat(spawn.bool("parent_inferred", true)).isFalse();
        assertThat(spawn.string("subagent_type")).isEqualTo("Explore");
        assertThat(spawn.string("description")).isEqualTo("d");
    }

    @Test
    void theHostOfAHookLineNamesTheSessionsMachine() {
        h.feed(Payload.of("s1", "SessionStart").with(HookLine.HOST, "build-07").line());
        assertThat(h.only("session_start", x -> true).string("host")).isEqualTo("build-07");
        assertThat(h.only("session_start", x -> true).string("runtime")).isEqualTo("claude-code");
        h.feed(Payload.of("s1", "Stop").with(HookLine.HOST, "build-07").line());
        assertThat(h.ofType("session_update")).isEmpty();
    }
}
