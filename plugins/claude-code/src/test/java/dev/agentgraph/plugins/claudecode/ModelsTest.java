package dev.agentgraph.plugins.claudecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentgraph.api.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sub-agent's model, truthfully and as early as its payloads tell it. */
class ModelsTest {

    /** The real payloads of one captured session, in the order they stand in payloads.jsonl. */
    private static List<String> session(String prefix) {
        return DecoderHarness.fixture("claude-code-real/payloads.jsonl").stream()
                .filter(l -> l.contains("\"session_id\":\"" + prefix)).toList();
    }

    @Test
    void resolvedModelArrivingAfterTheSpawnUpdatesTheLiveAgent() {
        DecoderHarness h = new DecoderHarness();
        List<String> lines = session("d787d05d"); // Start, Prompt, Pre(Agent), SubagentStart, Post(Agent async)…
        h.feedAll(lines.subList(0, 4));
        Event spawn = h.spawnOf("a01ba92504d73e391");
        assertThat(spawn.has("model")).as("no model is guessed before one is revealed").isFalse();
        assertThat(spawn.string("subagent_type")).isEqualTo("probe-agent");

        h.feed(lines.get(4)); // PostToolUse(Agent) async_launched with resolvedModel
        Event update = h.only("agent_update", e -> "a01ba92504d73e391".equals(e.string("id")));
        assertThat(update.string("model")).isEqualTo("claude-haiku-4-5-20251001");
        assertThat(h.ofType("agent_done")).isEmpty();

        h.feedAll(lines.subList(5, lines.size()));
        Event done = h.only("agent_done", e -> true);
        assertThat(done.string("model")).isEqualTo("claude-haiku-4-5-20251001");
        assertThat(h.ofType("agent_update")).as("the model is announced once").hasSize(1);
    }

    @Test
    void aLaunchSeenBeforeItsSubagentStartSpawnsWithItsModel() {
        DecoderHarness h = new DecoderHarness();
        h.feedAll(session("0ef819b5")); // PostToolUse(Agent) async_launched, then SubagentStop
        Event spawn = h.spawnOf("af9f464d837cbc5c2");
        assertThat(spawn.string("model")).isEqualTo("claude-haiku-4-5-20251001");
        assertThat(h.ofType("agent_update")).isEmpty();
    }

    @Test
    void theRequestedModelCountsUntilTheResolvedOneComes() {
        DecoderHarness h = new DecoderHarness();
        h.feed(Payload.of("s1", "PreToolUse").with("tool_name", "Agent").with("tool_use_id", "toolu_1")
                .json("tool_input", "{\"description\":\"d\",\"prompt\":\"p\",\"subagent_type\":\"Explore\",\"model\":\"opus\"}")
                .line());
        h.feed(Payload.of("s1", "SubagentStart").agent("a1", "Explore").line());
        assertThat(h.spawnOf("a1").string("model")).isEqualTo("opus");
        h.feed(Payload.of("s1", "PostToolUse").with("tool_name", "Agent").with("tool_use_id", "toolu_1")
                .json("tool_input", "{}")
                .json("tool_response", "{\"isAsync\":true,\"status\":\"async_launched\",\"agentId\":\"a1\","
                        + "\"resolvedModel\":\"claude-opus-4-7\"}").line());
        assertThat(h.only("agent_update", e -> true).string("model")).isEqualTo("claude-opus-4-7");
    }

    @Test
    void theOrchestratorsModelComesFromSessionStartAndModelSwitches() {
        DecoderHarness h = new DecoderHarness();
        List<String> switches = DecoderHarness.fixture("claude-code-real/payloads.jsonl").stream()
                .filter(l -> l.contains("\"PostModelSwitch\"")).toList();
        h.feed(switches.get(0));
        Event update = h.only("session_update", e -> e.has("model"));
        assertThat(update.string("model")).isEqualTo("claude-sonnet-5");
    }

    @Test
    void aSubagentWithoutAModelInItsPayloadsIsKnownByItsTranscript(@TempDir Path dir) throws IOException {
        DecoderHarness h = new DecoderHarness();
        Path sessionTranscript = dir.resolve("s2.jsonl");
        Path agentTranscript = dir.resolve("s2/subagents/agent-a2.jsonl");
        Files.createDirectories(agentTranscript.getParent());
        Files.writeString(agentTranscript, "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"go\"}}\n"
                + "{\"type\":\"assistant\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude-sonnet-4-6\","
                + "\"usage\":{\"input_tokens\":3,\"output_tokens\":5}}}\n");
        h.feed(Payload.of("s2", "PreToolUse").agent("a2", "Explore").with("transcript_path", sessionTranscript.toString())
                .with("tool_name", "Read").with("tool_use_id", "toolu_2").json("tool_input", "{\"file_path\":\"/x\"}")
                .line());
        // The session transcript is learnt from the main thread: a sub-agent payload names the same file.
        h.feed(Payload.of("s2", "UserPromptSubmit").with("transcript_path", sessionTranscript.toString()).line());
        h.now = h.now.plus(Duration.ofSeconds(6));
        h.feed(Payload.of("s2", "PostToolUse").agent("a2", "Explore").with("tool_name", "Read")
                .with("tool_use_id", "toolu_2").json("tool_input", "{}").json("tool_response", "{}").line());
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            h.tick();
            return !h.ofType("agent_update").isEmpty();
        });
        assertThat(h.only("agent_update", e -> true).string("model")).isEqualTo("claude-sonnet-4-6");
    }
}
