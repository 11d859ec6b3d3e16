package dev.agentgraph.plugins.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgraph.api.Event;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The picture checked against Claude Code's own {@code background_tasks} list. */
class ReconciliationTest {

    private static final Instant T = Instant.parse("2026-11-24T00:00:00Z");
    private final DecoderHarness h = new DecoderHarness();

    /** A background agent launched at {@code at}: its call, its start, its async launch. */
    private void launch(String id, String type, Instant at) {
        String toolUse = "toolu_" + id;
        h.feed(Payload.of("s1", "PreToolUse").at(at).with("tool_name", "Agent").with("tool_use_id", toolUse)
                .json("tool_input", "{\"description\":\"" + id + "\",\"prompt\":\"p\",\"subagent_type\":\"" + type + "\"}")
                .line());
        h.feed(Payload.of("s1", "SubagentStart").at(at).agent(id, type).line());
        h.feed(Payload.of("s1", "PostToolUse").at(at).with("tool_name", "Agent").with("tool_use_id", toolUse)
                .json("tool_input", "{}")
                .json("tool_response", "{\"isAsync\":true,\"status\":\"async_launched\",\"agentId\":\"" + id + "\"}")
                .line());
    }

    private void stop(Instant at, String tasks) {
        h.feed(Payload.of("s1", "Stop").at(at).with("stop_hook_active", false).json("background_tasks", tasks).line());
    }

    private static String running(String id, String type) {
        return "{\"id\":\"" + id + "\",\"type\":\"subagent\",\"status\":\"running\",\"description\":\"d\",\"agent_type\":\""
                + type + "\"}";
    }

    @Test
    void anAgentWhoseStopWasLostLeavesAtTheNextListingAsLost() {
        launch("a1", "Explore", T);
        launch("a2", "Plan", T);
        // a1's SubagentStop never arrives; two minutes later the orchestrator stops, listing only a2.
        stop(T.plusSeconds(120), "[" + running("a2", "Plan") + ",{\"id\":\"b1\",\"type\":\"shell\",\"status\":\"running\"}]");
        Event done = h.only("agent_done", e -> true);
        assertThat(done.string("id")).isEqualTo("a1");
        assertThat(done.string("outcome")).isEqualTo("lost");
        assertThat(h.counters.get("lost_agents").get()).isEqualTo(1);
        // The shell is no agent; a2 is alive; a late SubagentStop of a1 changes nothing.
        h.feed(Payload.of("s1", "SubagentStop").at(T.plusSeconds(121)).agent("a1", "Explore")
                .json("background_tasks", "[" + running("a2", "Plan") + "]").line());
        assertThat(h.ofType("agent_done")).hasSize(1);
        assertThat(h.ofType("agent_spawn")).extracting(e -> e.string("id")).containsOnly("a1", "a2");
    }

    @Test
    void aRecentlyActiveAgentLeftOutIsOnlyMarkedAndLeavesIfItStaysSilent() {
        launch("a1", "Explore", T);
        stop(T.plusSeconds(5), "[]");
        assertThat(h.ofType("agent_done")).isEmpty();
        h.now = T.plusSeconds(20);
        h.tick();
        assertThat(h.ofType("agent_done")).isEmpty();
        h.now = T.plusSeconds(36);
        h.tick();
        assertThat(h.only("agent_done", e -> true).string("outcome")).isEqualTo("lost");
    }

    @Test
    void activityAfterBeingLeftOutClearsTheMark() {
        launch("a1", "Explore", T);
        stop(T.plusSeconds(5), "[]");
        h.feed(Payload.of("s1", "PreToolUse").at(T.plusSeconds(10)).agent("a1", "Explore").with("tool_name", "Read")
                .with("tool_use_id", "toolu_r").json("tool_input", "{}").line());
        h.now = T.plusSeconds(60);
        h.tick();
        assertThat(h.ofType("agent_done")).isEmpty();
    }

    @Test
    void aListedAgentThatIsNotKnownAppearsInferred() {
        h.feed(Payload.of("s1", "UserPromptSubmit").at(T).with("prompt", "hi").line());
        stop(T.plusSeconds(1), "[" + running("a9", "Explore") + "]");
        Event spawn = h.spawnOf("a9");
        assertThat(spawn.bool("parent_inferred", false)).isTrue();
        assertThat(spawn.string("parent_id")).isEqualTo("main");
        assertThat(spawn.string("subagent_type")).isEqualTo("Explore");
        assertThat(h.counters.get("listed_agents").get()).isEqualTo(1);
        // Listed again: still one agent.
        stop(T.plusSeconds(2), "[" + running("a9", "Explore") + "]");
        assertThat(h.ofType("agent_spawn")).hasSize(1);
    }

    @Test
    void theStoppingAgentListedAsRunningFinishesByItsOwnStop() {
        launch("a1", "general-purpose", T);
        h.feed(Payload.of("s1", "SubagentStop").at(T.plusSeconds(90)).agent("a1", "general-purpose")
                .json("background_tasks", "[" + running("a1", "general-purpose") + "]").line());
        Event done = h.only("agent_done", e -> true);
        assertThat(done.string("outcome")).isEqualTo("success");
        assertThat(h.ofType("agent_spawn")).hasSize(1);
    }

    @Test
    void aListThatLeavesOutItsOwnBackgroundStopperJudgesNothing() {
        launch("a1", "Explore", T);
        launch("a2", "Explore", T);
        h.feed(Payload.of("s1", "SubagentStop").at(T.plusSeconds(90)).agent("a2", "Explore")
                .json("background_tasks", "[]").line());
        assertThat(h.ofType("agent_done")).extracting(e -> e.string("id")).containsExactly("a2");
    }

    @Test
    void foregroundAgentsAreNeverJudgedByTheList() {
        h.feed(Payload.of("s1", "PreToolUse").at(T).with("tool_name", "Agent").with("tool_use_id", "toolu_f")
                .json("tool_input", "{\"description\":\"f\",\"prompt\":\"p\",\"subagent_type\":\"Plan\"}").line());
        h.feed(Payload.of("s1", "SubagentStart").at(T).agent("af", "Plan").line());
        stop(T.plus(Duration.ofMinutes(5)), "[]");
        assertThat(h.ofType("agent_done")).isEmpty();
    }
}
