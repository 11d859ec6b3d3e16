package dev.agentgraph.plugins.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgraph.api.Event;
import com.google.gson.JsonObject;
import dev.agentgraph.testkit.Numbered;
import dev.agentgraph.testkit.TestAgentGraph;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.slf4j.event.EventRecordingLogger;
import org.slf4j.event.Level;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.SubstituteLogger;

class LogSinkTest {

    @Test
    void compactLineSummarisesTheEvent() throws Exception {
        Event e = Event.parse("{\"ts\":\"2026-05-02T13:00:00.000Z\",\"event\":\"agent_spawn\",\"id\":\"smoke1\","
                + "\"subagent_type\":\"researcher\",\"model\":\"sonnet\",\"prompt_preview\":\"find the bug\"}");
        e = Numbered.event(e, 7);

        assertThat(EventLine.compact(e)).isEqualTo(
                "#7 agent_spawn id=smoke1 subagent_type=researcher model=sonnet prompt_preview=\"find the bug\"");
    }

    @Test
    void compactLineStaysOneLineAndShort() throws Exception {
        Event e = Event.parse("{\"event\":\"tool_use\",\"agent_id\":\"main\",\"tool\":\"Bash\","
                + "\"summary\":\"echo hi\\n2026-01-01 INFO forged line\\u001b[31m" + "x".repeat(200) + "\"}");

        String line = EventLine.compact(e);

        assertThat(line).doesNotContain("\n", "\u001b").contains("tool=Bash").endsWith("…\"");
        assertThat(line.length()).isLessThan(150);
    }

    @Test
    void jsonFormatIsTheEventsJson() throws Exception {
        Event e = Event.parse("{\"event\":\"waiting\",\"message\":\"line1\\nline2\"}");
        assertThat(EventLine.json(e)).isEqualTo("{\"event\":\"waiting\",\"message\":\"line1\\nline2\"}");
    }

    @Test
    void sinkLogsOneLinePerEventAtTheConfiguredLevel() throws Exception {
        ConcurrentLinkedQueue<SubstituteLoggingEvent> records = new ConcurrentLinkedQueue<>();
        EventRecordingLogger logger = new EventRecordingLogger(new SubstituteLogger("log", records, false), records);
        LogSink sink = new LogSink(logger, Level.DEBUG, EventLine::compact);

        sink.accept(Numbered.event(Event.parse("{\"event\":\"agent_done\",\"id\":\"a1\",\"outcome\":\"functional\"}"), 3));

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(r.getMessage()).isEqualTo("#3 agent_done id=a1 outcome=functional");
        });
    }

    /** The log's levels are fixed at startup; the default, debug, is not shown by the default log. */
    @Test
    void atALevelTheLogDoesNotShowTheSinkIsIdleAndGetsNoThread() {
        try (TestAgentGraph graph = TestAgentGraph.builder().component(new LogSinkFactory()).start()) {
            JsonObject log = graph.stats().getAsJsonObject("components").getAsJsonObject("log");
            assertThat(log.get("state").getAsString()).isEqualTo("idle");
            assertThat(log.get("reason").getAsString()).contains("level debug", "plugin.log.level=info");
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).doesNotContain("agentgraph-sink-log");
        }
        try (TestAgentGraph graph = TestAgentGraph.builder().component(new LogSinkFactory())
                .set("plugin.log.level", "info").start()) {
            JsonObject log = graph.stats().getAsJsonObject("components").getAsJsonObject("log");
            assertThat(log.get("state").getAsString()).isEqualTo("running");
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).contains("agentgraph-sink-log");
        }
    }
}
