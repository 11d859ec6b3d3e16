package dev.agentgraph.plugins.claudecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.agentgraph.api.Event;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every real payload captured from Claude Code (2.1.41 … 2.1.283, 31 event types) through the
 * decoder: none throws, none is an unknown event, no raw payload passes on, and every string the
 * decoder emits is bounded.
 */
class RealPayloadsTest {

    private static final int LONGEST = 1024;

    @Test
    void everyRealPayloadIsKnownAndEverythingEmittedIsBounded() {
        DecoderHarness h = new DecoderHarness();
        List<String> lines = DecoderHarness.fixture("claude-code-real/payloads.jsonl");
        assertThat(lines).hasSize(178);
        for (String line : lines) {
            assertThatCode(() -> h.feed(line)).as(line).doesNotThrowAnyException();
        }
        h.tick();
        assertThat(h.counters.get("decoded").get()).isEqualTo(178);
        assertThat(h.counters.getOrDefault("unknown_hooks", new java.util.concurrent.atomic.AtomicLong()).get())
                .isZero();
        assertThat(h.passed).as("raw payloads passed on").isEmpty();
        for (Event e : h.out) {
            assertBounded(e.type(), e.json());
        }
    }

    @Test
    void aFutureHookEventIsActivityCountedAsUnknown() {
        DecoderHarness h = new DecoderHarness();
        h.feed("{\"session_id\":\"s1\",\"transcript_path\":\"/t/s1.jsonl\",\"cwd\":\"/w/p\",\"hook_event_name\":\"SessionStart\"}");
        h.feed("{\"session_id\":\"s1\",\"transcript_path\":\"/t/s1.jsonl\",\"cwd\":\"/w/p\",\"hook_event_name\":\"TeamMerged\"}");
        assertThat(h.counters.get("unknown_hooks").get()).isEqualTo(1);
        assertThat(h.passed).isEmpty();
    }

    private static void assertBounded(String where, JsonElement e) {
        if (e.isJsonObject()) {
            for (Map.Entry<String, JsonElement> m : ((JsonObject) e).entrySet()) {
                assertBounded(where + "." + m.getKey(), m.getValue());
            }
        } else if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(x -> assertBounded(where + "[]", x));
        } else if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            assertThat(e.getAsString().length()).as(where).isLessThanOrEqualTo(LONGEST);
        }
    }
}
