package dev.agentgraph.plugins.claudecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentgraph.api.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaudeCodeDecoderTest {

    private static final String BG = "ac17149d439536b32";
    private static final String FG = "a947ccf25ec84d8db";

    @Test
    void backgroundAgentIsNotDoneAtAsyncLaunchButAtItsStop() {
        DecoderHarness h = new DecoderHarness();
        List<String> lines = DecoderHarness.fixture("session-background-and-foreground.jsonl");
        h.feedAll(lines.subList(0, 5)); // through the async_launched PostToolUse of Agent
        assertThat(h.ofType("agent_done")).isEmpty();
        Event spawn = h.spawnOf(BG);
        assertThat(spawn.string("parent_id")).isEqualTo("main");
        assertThat(spawn.bool("parent_inferred", true)).isFalse();
        assertThat(spawn.string("subagent_type")).isEqualTo("Explore");
        assertThat(spawn.string("model")).isEqualTo("haiku");
        assertThat(spawn.string("tool_use_id")).isEqualTo("toolu_01D9iPCFdcERFmdD3nHQrroD");
        assertThat(spawn.string("prompt_preview")).isEqualTo("List every HTTP route under src/ with file:line.");
        assertThat(spawn.string("project")).isEqualTo("myrepo");

        h.feedAll(lines.subList(5, lines.size()));
        Event bgDone = h.only("agent_done", e -> BG.equals(e.string("id")));
        assertThat(bgDone.string("outcome")).isEqualTo("functional");
        assertThat(bgDone.bool("cost_partial", false)).isTrue();
        Event fgDone = h.only("agent_done", e -> FG.equals(e.string("id")));
        assertThat(fgDone.string("outcome")).isEqualTo("partial");
        assertThat(h.spawnOf(FG).string("subagent_type")).isEqualTo("general-purpose");

        assertThat(h.only("tool_use", e -> "Grep".equals(e.string("tool"))).string("agent_id")).isEqualTo(BG);
        Event bash = h.only("tool_use", e -> "npm test".equals(e.string("summary")));
        assertThat(bash.string("agent_id")).isEqualTo("main");
        Event failed = h.only("tool_failed", e -> true);
        assertThat(failed.string("agent_id")).isEqualTo(FG);
        assertThat(failed.string("error")).isEqualTo("Exit code 1\n3 problems");
        Event skill = h.only("skill_use", e -> true);
        assertThat(skill.string("skill")).isEqualTo("security-review");
        assertThat(skill.string("agent_id")).isEqualTo(FG);

        Event start = h.only("session_start", e -> true);
        assertThat(start.string("project")).isEqualTo("myrepo");
        assertThat(start.string("model")).isEqualTo("claude-opus-4-7");
        assertThat(h.only("session_end", e -> true).string("reason")).isEqualTo("prompt_input_exit");
        assertThat(h.passed).as("raw payloads never pass").isEmpty();
        assertThat(h.decoder.sessionCount()).as("the session is forgotten at SessionEnd").isZero();
        assertThat(h.out).allSatisfy(e -> assertThat(e.string("session_id"))
                .isEqualTo("52e6b438-f2a7-4269-8651-0c5ca6a3a450"));
    }

    @Test
    void nestedAgentsHangFromTheirTrueParents() {
        DecoderHarness h = new DecoderHarness();
        h.feedAll(DecoderHarness.fixture("session-nested-subagents.jsonl"));
        assertThat(h.spawnOf("aa767c76fb008f86b").string("parent_id")).isEqualTo("main");
        assertThat(h.spawnOf("aec255404e4fb4400").string("parent_id")).isEqualTo("aa767c76fb008f86b");
        assertThat(h.spawnOf("ae50454f31af31768").string("parent_id")).isEqualTo("aec255404e4fb4400");
        assertThat(h.ofType("agent_spawn")).allSatisfy(e -> assertThat(e.bool("parent_inferred", true)).isFalse());
        assertThat(h.ofType("agent_spawn")).hasSize(3);
        assertThat(h.ofType("agent_done")).extracting(e -> e.string("outcome")).containsOnly("functional").hasSize(3);
    }

    @Test
    void legacyTaskToolGivesSpawnAndCompletion() {
        DecoderHarness h = new DecoderHarness();
        List<String> lines = DecoderHarness.fixture("session-legacy-task-tool.jsonl");
        h.feedAll(lines.subList(0, 4)); // the Pre of Task and the next Pre of Read
        Event spawn = h.spawnOf("toolu_01tZKS7JfQyGb7hLt4QLwdib");
        assertThat(spawn.string("parent_id")).isEqualTo("main");
        assertThat(spawn.string("subagent_type")).isEqualTo("general-purpose");
        // The Task call names no model: the spawn does not guess one; it is priced at the session's.
        assertThat(spawn.has("model")).isFalse();
        assertThat(h.ofType("agent_done")).isEmpty();
        h.feedAll(lines.subList(4, lines.size()));
        Event done = h.only("agent_done", e -> true);
        assertThat(done.string("id")).isEqualTo("toolu_01tZKS7JfQyGb7hLt4QLwdib");
        assertThat(done.string("outcome")).isEqualTo("functional");
        assertThat(done.string("model")).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(done.number("duration_ms", 0)).isEqualTo(38896);
        assertThat(done.bool("cost_partial", false)).isTrue();
        assertThat(done.object("tokens").get("cache_read").getAsLong()).isEqualTo(38736);
        // 7 × 3 + 2697 × 3.75 + 38736 × 0.30 + 2537 × 15, per million (sonnet list prices)
        assertThat(done.number("cost_usd", 0)).isEqualTo(0.059811);
    }

    @Test
    void legacyTaskAloneIsPromotedOnTick() {
        DecoderHarness h = new DecoderHarness();
        List<String> lines = DecoderHarness.fixture("session-legacy-task-tool.jsonl");
        h.feedAll(lines.subList(0, 3));
        h.tick();
        assertThat(h.ofType("agent_spawn")).isEmpty();
        h.now = h.now.plusSeconds(3);
        h.tick();
        assertThat(h.spawnOf("toolu_01tZKS7JfQyGb7hLt4QLwdib").string("parent_id")).isEqualTo("main");
    }

    @Test
    void aTaskTakenForAnOldClientLeavesWhenAgentIdsShowUp() {
        DecoderHarness h = new DecoderHarness();
        String s = "{\"session_id\":\"s\",";
        h.feed(s + "\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Task\",\"tool_use_id\":\"t1\",\"tool_input\":{\"subagent_type\":\"Explore\"}}");
        h.feed(s + "\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Read\",\"tool_use_id\":\"r1\"}");
        assertThat(h.spawnOf("t1").string("parent_id")).isEqualTo("main");
        h.feed(s + "\"agent_id\":\"a1\",\"agent_type\":\"Explore\",\"hook_event_name\":\"SubagentStart\"}");
        assertThat(h.only("agent_done", e -> true).string("id")).isEqualTo("t1");
        assertThat(h.only("agent_done", e -> true).string("outcome")).isEqualTo("replaced");
        assertThat(h.spawnOf("a1").string("parent_id")).isEqualTo("main");
        assertThat(h.spawnOf("a1").bool("parent_inferred", true)).isFalse();
        assertThat(h.spawnOf("a1").string("tool_use_id")).isEqualTo("t1");
    }

    @Test
    void interruptedSessionEndsWithoutDecoderCompletions() {
        DecoderHarness h = new DecoderHarness();
        h.feedAll(DecoderHarness.fixture("session-interrupted.jsonl"));
        assertThat(h.ofType("agent_spawn")).hasSize(2);
        assertThat(h.ofType("agent_done")).as("alive-agents retires them on session_end").isEmpty();
        Event waiting = h.only("waiting", e -> true);
        assertThat(waiting.string("message")).isEqualTo("Claude needs your permission to use Bash");
        assertThat(h.only("session_end", e -> true).string("reason")).isEqualTo("other");
        assertThat(h.out.get(h.out.size() - 1).type()).isEqualTo("session_end");
        assertThat(h.decoder.sessionCount()).isZero();
    }

    @Test
    void interleavedSessionsNeverMix() {
        DecoderHarness h = new DecoderHarness();
        h.feedAll(DecoderHarness.fixture("two-sessions-interleaved.jsonl"));
        String a = "43a08f06-d129-416f-824d-963866465d28";
        String b = "bd313bee-bd1e-4f9e-8a71-67fd429a7079";
        Set<String> inA = Set.of("a41d4072014b3ce10", "a8c662248b483b7ff");
        Set<String> inB = Set.of("a725a2a7b860dcd6c", "aee737443e2104719", "ad287db7f1adbc609");
        for (Event e : h.out) {
            String id = e.string("id", e.string("agent_id"));
            if (id != null && inA.contains(id)) {
                assertThat(e.string("session_id")).as(e.toString()).isEqualTo(a);
            }
            if (id != null && inB.contains(id)) {
                assertThat(e.string("session_id")).as(e.toString()).isEqualTo(b);
            }
        }
        assertThat(h.spawnOf("aee737443e2104719").string("parent_id")).isEqualTo("a725a2a7b860dcd6c");
        assertThat(h.spawnOf("ad287db7f1adbc609").string("parent_id")).isEqualTo("aee737443e2104719");
        assertThat(h.spawnOf("a8c662248b483b7ff").string("parent_id")).isEqualTo("main");
        assertThat(h.ofType("agent_done").stream().map(e -> e.string("id")).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("a41d4072014b3ce10", "a8c662248b483b7ff", "a725a2a7b860dcd6c",
                        "aee737443e2104719", "ad287db7f1adbc609");
        assertThat(h.ofType("session_end")).hasSize(2);
    }

    @Test
    void aWrongGuessIsCorrectedByThePostToolUseJoin() {
        DecoderHarness h = new DecoderHarness();
        String s = "{\"session_id\":\"s\",\"cwd\":\"/w/p\",";
        h.feed(s + "\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Agent\",\"tool_use_id\":\"t1\",\"tool_input\":{\"subagent_type\":\"Explore\"}}");
        h.feed(s + "\"agent_id\":\"x\",\"agent_type\":\"Plan\",\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Agent\",\"tool_use_id\":\"t2\",\"tool_input\":{\"subagent_type\":\"Explore\"}}");
        h.feed(s + "\"agent_id\":\"b\",\"agent_type\":\"Explore\",\"hook_event_name\":\"SubagentStart\"}");
        assertThat(h.spawnOf("b").string("parent_id")).isEqualTo("main");
        assertThat(h.spawnOf("b").bool("parent_inferred", false)).as("two candidates, two parents").isTrue();
        h.feed(s + "\"agent_id\":\"x\",\"agent_type\":\"Plan\",\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Agent\",\"tool_use_id\":\"t2\",\"tool_response\":{\"status\":\"async_launched\",\"agentId\":\"b\"}}");
        Event fixed = h.spawnOf("b");
        assertThat(fixed.string("parent_id")).isEqualTo("x");
        assertThat(fixed.bool("parent_inferred", true)).isFalse();
        assertThat(h.ofType("agent_done")).isEmpty();
    }

    @Test
    void stopWithTranscriptCountsEachMessageOnce(@TempDir Path dir) throws IOException {
        Path transcript = dir.resolve("agent-a1.jsonl");
        String usage = "\"usage\":{\"input_tokens\":10,\"cache_creation_input_tokens\":1000,\"cache_read_input_tokens\":20000,\"output_tokens\":500,\"cache_creation\":{\"ephemeral_5m_input_tokens\":0,\"ephemeral_1h_input_tokens\":1000}}";
        Files.writeString(transcript, String.join("\n",
                "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"go\"}}",
                "{\"type\":\"assistant\",\"message\":{\"id\":\"m1\",\"model\":\"claude-haiku-4-5-20251001\"," + usage + "}}",
                "{\"type\":\"assistant\",\"message\":{\"id\":\"m1\",\"model\":\"claude-haiku-4-5-20251001\"," + usage + "}}",
                "not json",
                "{\"type\":\"assistant\",\"message\":{\"id\":\"m2\",\"model\":\"claude-haiku-4-5-20251001\"," + usage + "}}"));
        DecoderHarness h = new DecoderHarness();
        String s = "{\"session_id\":\"s\",\"cwd\":\"/w/p\",";
        h.feed(s + "\"agent_id\":\"a1\",\"agent_type\":\"Explore\",\"hook_event_name\":\"SubagentStart\"}");
        h.feed(s + "\"agent_id\":\"a1\",\"agent_type\":\"Explore\",\"hook_event_name\":\"SubagentStop\",\"agent_transcript_path\":\""
                + transcript.toString().replace("\\", "\\\\") + "\",\"last_assistant_message\":\"done\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            h.tick();
            return !h.ofType("agent_done").isEmpty();
        });
        Event done = h.only("agent_done", e -> true);
        assertThat(done.string("outcome")).isEqualTo("success");
        assertThat(done.bool("cost_partial", true)).isFalse();
        assertThat(done.object("tokens").get("output").getAsLong()).isEqualTo(1000);
        assertThat(done.object("tokens").get("cache_write_1h").getAsLong()).isEqualTo(2000);
        // 2 × (10 × 1 + 1000 × 2 + 20000 × 0.10 + 500 × 5) per million (haiku)
        assertThat(done.number("cost_usd", 0)).isEqualTo(0.01302);
    }

    @Test
    void historyIsDecodedAsHistoryWithoutReadingTranscripts(@TempDir Path dir) throws IOException {
        Path transcript = Files.writeString(dir.resolve("t.jsonl"), "");
        DecoderHarness h = new DecoderHarness();
        String s = "{\"session_id\":\"s\",";
        h.feedHistory(s + "\"agent_id\":\"a1\",\"agent_type\":\"Explore\",\"hook_event_name\":\"SubagentStart\"}");
        h.feedHistory(s + "\"agent_id\":\"a1\",\"hook_event_name\":\"SubagentStop\",\"agent_transcript_path\":\""
                + transcript.toString().replace("\\", "\\\\") + "\"}");
        assertThat(h.out).isNotEmpty().allSatisfy(e -> assertThat(e.isHistory()).as(e.toString()).isTrue());
        Event done = h.only("agent_done", e -> true);
        assertThat(done.bool("cost_partial", false)).isTrue();
        assertThat(done.has("tokens")).isFalse();
    }

    @Test
    void aCutPayloadIsCountedAndStillDecoded() {
        DecoderHarness h = new DecoderHarness();
        h.feed("{\"agentgraph_received\":\"2026-11-24T00:00:01.000Z\",\"agentgraph_cut\":{\"reason\":\"too_large\",\"bytes\":2000000,\"max_bytes\":1048576},"
                + "\"hook_event_name\":\"PreToolUse\",\"session_id\":\"s\",\"tool_name\":\"Write\",\"tool_use_id\":\"t\"}");
        assertThat(h.counters.get("cut_payloads").get()).isEqualTo(1);
        Event use = h.only("tool_use", e -> true);
        assertThat(use.string("tool")).isEqualTo("Write");
        assertThat(use.string("ts")).isEqualTo("2026-11-24T00:00:01Z");
    }

    @Test
    void otherEventsPassUntouchedAndStringsAreBounded() {
        DecoderHarness h = new DecoderHarness();
        String seed = "{\"ts\":\"2026-05-02T13:00:00.000Z\",\"event\":\"agent_spawn\",\"id\":\"smoke1\"}";
        assertThat(h.feed(seed).toJson()).isEqualTo(seed);
        assertThat(h.feed("{\"foo\":1}")).as("untyped but not Claude Code").isNotNull();
        String long500 = "x".repeat(500);
        h.feed("{\"session_id\":\"s\",\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Agent\",\"tool_use_id\":\"t\",\"tool_input\":{\"prompt\":\"" + long500 + "\",\"description\":\"" + long500 + "\"}}");
        h.feed("{\"session_id\":\"s\",\"agent_id\":\"a\",\"agent_type\":\"general-purpose\",\"hook_event_name\":\"SubagentStart\"}");
        h.feed("{\"session_id\":\"s\",\"agent_id\":\"a\",\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\",\"tool_use_id\":\"u\",\"tool_input\":{\"command\":\"" + long500 + "\"}}");
        assertThat(h.spawnOf("a").string("prompt_preview")).hasSize(200);
        assertThat(h.only("tool_use", e -> "Bash".equals(e.string("tool"))).string("summary")).hasSize(120);
    }

    @Test
    void sessionStateIsForgottenWhenIdle() {
        DecoderHarness h = new DecoderHarness();
        h.feed("{\"session_id\":\"s\",\"hook_event_name\":\"UserPromptSubmit\",\"cwd\":\"/a/b\"}");
        assertThat(h.only("session_start", e -> true).string("project")).isEqualTo("b");
        assertThat(h.decoder.sessionCount()).isEqualTo(1);
        h.now = h.now.plus(Duration.ofHours(25));
        h.tick();
        assertThat(h.decoder.sessionCount()).isZero();
    }
}
