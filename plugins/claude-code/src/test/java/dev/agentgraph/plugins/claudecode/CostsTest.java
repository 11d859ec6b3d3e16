package dev.agentgraph.plugins.claudecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentgraph.api.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a session costs: its orchestrator's requests, read as the transcript grows, and its sub-agents'. */
class CostsTest {

    /** 1,000 input and 100 output tokens on haiku: 0.001 + 0.0005 USD. */
    private static final String USAGE = "\"usage\":{\"input_tokens\":1000,\"output_tokens\":100}";
    private static final double ONE = 0.0015;

    @TempDir
    Path dir;
    private final DecoderHarness h = new DecoderHarness();

    private static String assistant(String messageId, String requestId, boolean sidechain) {
        return "{\"type\":\"assistant\"," + (requestId == null ? "" : "\"requestId\":\"" + requestId + "\",")
                + (sidechain ? "\"isSidechain\":true," : "")
                + "\"message\":{" + (messageId == null ? "" : "\"id\":\"" + messageId + "\",")
                + "\"model\":\"claude-haiku-4-5-20251001\"," + USAGE + "}}\n";
    }

    private Event awaitSessionCost(double usd) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            h.tick();
            return costs().stream().anyMatch(e -> Math.abs(e.number("cost_usd", -1) - usd) < 1e-9);
        });
        List<Event> costs = costs();
        return costs.get(costs.size() - 1);
    }

    private List<Event> costs() {
        return h.ofType("session_update").stream().filter(e -> e.has("cost_usd")).toList();
    }

    @Test
    void theOrchestratorsTranscriptIsReadInStepsEachRequestCountedOnce() throws IOException {
        Path transcript = dir.resolve("s1.jsonl");
        // One message written as three content blocks, a line with only a requestId twice, a sub-agent's
        // message of an old client (isSidechain), and a torn last line not yet complete.
        Files.writeString(transcript, assistant("msg_1", "req_1", false) + assistant("msg_1", "req_1", false)
                + assistant("msg_1", "req_1", false) + assistant(null, "req_2", false) + assistant(null, "req_2", false)
                + assistant("msg_side", "req_3", true) + "{\"type\":\"assistant\",\"mess");
        h.feed(Payload.of("s1", "SessionStart").with("transcript_path", transcript.toString()).line());
        h.feed(Payload.of("s1", "Stop").with("transcript_path", transcript.toString()).line());
        Event first = awaitSessionCost(2 * ONE);
        assertThat(first.bool("cost_partial", true)).isFalse();

        // The torn line completes and another request comes; only the new bytes are read.
        Files.writeString(transcript, "age\":{\"id\":\"msg_4\",\"model\":\"claude-haiku-4-5-20251001\"," + USAGE + "}}\n"
                + assistant("msg_1", "req_1", false), StandardOpenOption.APPEND);
        h.now = h.now.plusSeconds(1);
        h.feed(Payload.of("s1", "Stop").with("transcript_path", transcript.toString()).line());
        awaitSessionCost(3 * ONE);
    }

    @Test
    void aSessionsTotalAddsItsSubagentsAndSaysWhenItIsPartial() throws IOException {
        Path transcript = dir.resolve("s2.jsonl");
        Files.writeString(transcript, assistant("msg_1", null, false));
        Path agentTranscript = dir.resolve("s2/subagents/workflows/run-7/agent-a1.jsonl");
        Files.createDirectories(agentTranscript.getParent());
        Files.writeString(agentTranscript, assistant("msg_a", null, true) + assistant("msg_a", null, true)
                + assistant("msg_b", null, true));
        h.feed(Payload.of("s2", "SessionStart").with("transcript_path", transcript.toString()).line());
        h.feed(Payload.of("s2", "SubagentStart").with("transcript_path", transcript.toString()).agent("a1", "Explore")
                .line());
        // The stop names no transcript that exists: the workflow sub-agent's is found beside the session's.
        h.feed(Payload.of("s2", "SubagentStop").with("transcript_path", transcript.toString()).agent("a1", "Explore")
                .with("agent_transcript_path", dir.resolve("missing.jsonl").toString()).line());
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            h.tick();
            return !h.ofType("agent_done").isEmpty();
        });
        Event done = h.only("agent_done", e -> true);
        assertThat(done.number("cost_usd", 0)).isEqualTo(2 * ONE);
        h.now = h.now.plusSeconds(1);
        h.feed(Payload.of("s2", "Stop").with("transcript_path", transcript.toString()).line());
        Event total = awaitSessionCost(3 * ONE);
        assertThat(total.bool("cost_partial", true)).isFalse();

        // An agent that ends without a bill makes the total partial.
        h.feed(Payload.of("s2", "SubagentStart").agent("a2", "Plan").line());
        h.feed(Payload.of("s2", "SubagentStop").agent("a2", "Plan").line());
        h.now = h.now.plusSeconds(1);
        h.feed(Payload.of("s2", "Stop").with("transcript_path", transcript.toString()).line());
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            h.tick();
            List<Event> costs = costs();
            return costs.get(costs.size() - 1).bool("cost_partial", false);
        });
    }
}
