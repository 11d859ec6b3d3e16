package dev.agentgraph.plugins.codex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgraph.api.Counter;
import dev.agentgraph.api.Event;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.NOPLogger;

/** The Codex decoder on its own: which lines it claims, and the edges of the tree. */
class CodexDecoderTest {

    private final Map<String, AtomicLong> counts = new HashMap<>();
    private final List<Event> out = new ArrayList<>();
    private final CodexDecoder decoder = new CodexDecoder(4, Duration.ofHours(1),
            Clock.fixed(Instant.parse("2026-12-01T22:00:00Z"), ZoneOffset.UTC), NOPLogger.NOP_LOGGER, name -> {
                AtomicLong n = counts.computeIfAbsent(name, k -> new AtomicLong());
                return new Counter() {
                    @Override
                    public void add(long d) {
                        n.addAndGet(d);
                    }

                    @Override
                    public long get() {
                        return n.get();
                    }
                };
            });

    private Event feed(String line) throws Exception {
        return decoder.reduce(Event.parse(line), out::add);
    }

    private List<Event> of(String type) {
        return out.stream().filter(e -> type.equals(e.type())).toList();
    }

    @Test
    void claimsOnlyLinesMarkedCodex() throws Exception {
        String payload = "\"session_id\":\"s\",\"cwd\":\"/w\",\"hook_event_name\":\"SessionStart\",\"model\":\"gpt-5.3-codex\"";
        Event unmarked = Event.parse("{" + payload + "}");
        Event claude = Event.parse("{\"agentgraph_runtime\":\"claude-code\"," + payload + "}");
        assertThat(decoder.reduce(unmarked, out::add)).isSameAs(unmarked);
        assertThat(decoder.reduce(claude, out::add)).isSameAs(claude);
        assertThat(out).isEmpty();
        assertThat(feed("{\"agentgraph_runtime\":\"codex\"," + payload + "}")).as("the raw payload is dropped").isNull();
        assertThat(of("session_start")).singleElement().satisfies(e -> {
            assertThat(e.string("runtime")).isEqualTo("codex");
            assertThat(e.string("model")).isEqualTo("gpt-5.3-codex");
        });
    }

    @Test
    void aStopWithoutAStartLeavesNoGhostAndAnUnknownEventIsCounted() throws Exception {
        feed("{\"agentgraph_runtime\":\"codex\",\"session_id\":\"s\",\"hook_event_name\":\"SubagentStop\","
                + "\"agent_id\":\"x\",\"agent_type\":\"worker\",\"turn_id\":\"t\"}");
        feed("{\"agentgraph_runtime\":\"codex\",\"session_id\":\"s\",\"hook_event_name\":\"PostToolBatch\"}");
        assertThat(of("agent_spawn")).isEmpty();
        assertThat(of("agent_done")).isEmpty();
        assertThat(counts.get("unknown_hooks").get()).isEqualTo(1);
    }

    @Test
    void aSubAgentFromATurnNeverSeenHangsFromTheOrchestratorInferred() throws Exception {
        feed("{\"agentgraph_runtime\":\"codex\",\"session_id\":\"s\",\"hook_event_name\":\"SubagentStart\","
                + "\"agent_id\":\"c1\",\"agent_type\":\"explorer\",\"turn_id\":\"unseen\",\"model\":\"m\"}");
        assertThat(of("agent_spawn")).singleElement().satisfies(e -> {
            assertThat(e.string("parent_id")).isEqualTo("main");
            assertThat(e.bool("parent_inferred", false)).isTrue();
        });
    }

    @Test
    void untrustedStringsAreBoundedAndSessionsCapped() throws Exception {
        String huge = "x".repeat(100_000);
        for (int i = 0; i < 10; i++) {
            feed("{\"agentgraph_runtime\":\"codex\",\"session_id\":\"s" + i + "\",\"hook_event_name\":\"PreToolUse\","
                    + "\"tool_name\":\"" + huge + "\",\"tool_input\":{\"command\":\"" + huge + "\"},\"tool_use_id\":\"t\"}");
        }
        assertThat(of("tool_use")).hasSize(10).allSatisfy(e -> {
            assertThat(e.string("tool").length()).isLessThanOrEqualTo(200);
            assertThat(e.string("summary").length()).isLessThanOrEqualTo(300);
        });
        out.clear();
        feed("{\"agentgraph_runtime\":\"codex\",\"session_id\":\"s0\",\"hook_event_name\":\"Stop\"}");
        assertThat(of("session_start")).as("s0 was forgotten (4 sessions at most): seen anew").hasSize(1);
    }
}
