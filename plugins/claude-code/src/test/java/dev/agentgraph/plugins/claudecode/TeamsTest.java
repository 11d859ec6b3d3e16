package dev.agentgraph.plugins.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.agentgraph.api.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Agent teams ({@code fixtures/teams/session-agent-team.jsonl}, written from the facts in
 * RUNTIMES.md): a teammate is a node of its own kind under the lead's orchestrator, its events
 * (an {@code agent_id} of the form {@code a<name>-<hash>}) are its own, and its task and idle state
 * follow {@code TaskCreated}, {@code TaskCompleted} and {@code TeammateIdle}.
 */
class TeamsTest {

    private static final String TEAMMATE = "teammate:researcher";
    private final DecoderHarness h = new DecoderHarness();
    private final List<String> lines = DecoderHarness.fixture("teams/session-agent-team.jsonl");

    @Test
    void aTeammateIsItsOwnKindOfNodeWithItsTaskAndIdleState() {
        h.feedAll(lines.subList(0, 4)); // the named spawn into the team, and its result
        Event spawn = h.spawnOf(TEAMMATE);
        assertThat(spawn.string("kind")).isEqualTo("teammate");
        assertThat(spawn.string("team")).isEqualTo("shop-refactor");
        assertThat(spawn.string("parent_id")).isEqualTo("main");
        assertThat(spawn.string("prompt_preview")).startsWith("You are the researcher");
        assertThat(h.ofType("agent_spawn")).extracting(e -> e.string("id")).containsOnly(TEAMMATE);

        h.feed(lines.get(4)); // TaskCreated for the researcher
        assertThat(lastUpdate().string("task")).isEqualTo("Map payment API callers");
        assertThat(tasks()).hasSize(1);

        h.feedAll(lines.subList(5, 7)); // the teammate's own tool calls
        assertThat(h.ofType("tool_use")).last().satisfies(e -> assertThat(e.string("agent_id")).isEqualTo(TEAMMATE));

        h.feedAll(lines.subList(7, 9)); // the lead's TaskCreate tool
        assertThat(tasks()).hasSize(2);
        h.feed(lines.get(9)); // TaskCompleted
        assertThat(lastUpdate().json().get("task").isJsonNull()).isTrue();
        assertThat(tasks().get(0).getAsJsonObject().get("status").getAsString()).isEqualTo("completed");

        h.feed(lines.get(10)); // TeammateIdle
        assertThat(lastUpdate().bool("idle", false)).isTrue();

        h.feed(lines.get(11)); // Stop listing the teammate by its task id: the same node
        h.feedAll(lines.subList(12, 14)); // TaskUpdate gives task 2 to the researcher
        JsonObject second = tasks().get(1).getAsJsonObject();
        assertThat(second.get("status").getAsString()).isEqualTo("in_progress");
        assertThat(second.get("owner").getAsString()).isEqualTo("researcher");

        h.feed(lines.get(14)); // the teammate works again
        assertThat(lastUpdate().bool("idle", true)).isFalse();

        h.feedAll(lines.subList(15, lines.size()));
        assertThat(h.ofType("agent_spawn")).extracting(e -> e.string("id")).containsOnly(TEAMMATE);
        assertThat(h.ofType("session_end")).hasSize(1);
        assertThat(h.counters.getOrDefault("unknown_hooks", new java.util.concurrent.atomic.AtomicLong()).get()).isZero();
    }

    private Event lastUpdate() {
        List<Event> updates = h.ofType("agent_update");
        return updates.get(updates.size() - 1);
    }

    private JsonArray tasks() {
        List<Event> updates = h.ofType("session_update").stream().filter(e -> e.has("tasks")).toList();
        return updates.get(updates.size() - 1).json().getAsJsonArray("tasks");
    }
}
