package dev.agentgraph.plugins.gemini;

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

/** The Gemini decoder on its own: which lines it claims, and the edges of the tree. */
class GeminiDecoderTest {

    private final Map<String, AtomicLong> counts = new HashMap<>();
    private final List<Event> out = new ArrayList<>();
    private final GeminiDecoder decoder = new GeminiDecoder(java.util.Set.of("codebase_investigator"), 4, Duration.ofHours(1),
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

    private static String line(String hook, String rest) {
        return "{\"agentgraph_runtime\":\"gemini\",\"session_id\":\"g\",\"hook_event_name\":\"" + hook + "\"" + rest + "}";
    }

    private static String read(String hook, String path) {
        return line(hook, ",\"tool_name\":\"read_file\",\"tool_input\":{\"absolute_path\":\"/" + path + "\"}");
    }

    @Test
    void claimsOnlyLinesMarkedGemini() throws Exception {
        Event codex = Event.parse(line("SessionStart", ",\"cwd\":\"/w/shop\"").replace("\"gemini\"", "\"codex\""));
        assertThat(decoder.reduce(codex, out::add)).isSameAs(codex);
        assertThat(out).isEmpty();
        assertThat(feed(line("SessionStart", ",\"cwd\":\"/w/shop\",\"source\":\"startup\""))).isNull();
        assertThat(of("session_start")).singleElement().satisfies(e -> {
            assertThat(e.string("runtime")).isEqualTo("gemini");
            assertThat(e.string("project")).isEqualTo("shop");
        });
    }

    @Test
    void anAfterToolEndsTheOpenCallOfTheSameInputAndAnUnmatchedOneIsCounted() throws Exception {
        feed(read("BeforeTool", "a"));
        feed(read("BeforeTool", "b"));
        feed(read("AfterTool", "b"));
        assertThat(of("tool_done")).singleElement().satisfies(e -> assertThat(e.string("tool_use_id")).isEqualTo("g:2"));
        feed(read("AfterTool", "a"));
        feed(read("AfterTool", "a"));
        assertThat(of("tool_done")).hasSize(2);
        assertThat(counts.get("unmatched_after_tool").get()).isEqualTo(1);
    }

    @Test
    void nothingComesBackAfterTheSessionEnds() throws Exception {
        feed(line("BeforeTool", ",\"tool_name\":\"codebase_investigator\",\"tool_input\":{}"));
        assertThat(of("agent_spawn")).hasSize(1);
        feed(line("SessionEnd", ",\"reason\":\"exit\""));
        out.clear();
        feed(line("AfterTool", ",\"tool_name\":\"codebase_investigator\",\"tool_input\":{}"));
        assertThat(out).as("a straggler after the end brings back no ghost").isEmpty();
    }
}
