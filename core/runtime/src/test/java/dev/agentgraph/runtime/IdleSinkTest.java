package dev.agentgraph.runtime;

import static dev.agentgraph.runtime.TestComponents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import dev.agentgraph.api.Sink;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A sink that its configuration leaves nothing to do ({@link Sink#idle}) gets no thread and no
 * queue: before, the log sink at its default level (not shown) was woken for every event, and one
 * client at 150,000 events/s got 0.75 × the floor's rate instead of 1.0 ×.
 */
class IdleSinkTest {

    @Test
    void anIdleSinkIsShownWithItsReasonAndGetsNoThreadWhileTheOthersRun() throws Exception {
        TestComponents.Collecting working = new TestComponents.Collecting();
        try (AgentGraph graph = AgentGraph.builder().set("server.port", "0")
                .component(TestComponents.sink("quiet", Sink.idle("nothing to do here")))
                .component(TestComponents.sink("working", working))
                .start()) {
            graph.inject().emit(event("tool_use", 1));
            await().atMost(Duration.ofSeconds(10)).until(() -> working.events.size() == 1);

            JsonObject quiet = graph.stats().getAsJsonObject("components").getAsJsonObject("quiet");
            assertThat(quiet.get("state").getAsString()).isEqualTo("idle");
            assertThat(quiet.get("reason").getAsString()).isEqualTo("nothing to do here");
            assertThat(quiet.get("events_in").getAsLong()).as("given no event").isZero();
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                    .contains("agentgraph-sink-working").doesNotContain("agentgraph-sink-quiet");
            assertThat(graph.health().get("status").getAsString()).as("idle is not trouble").isEqualTo("ok");
        }
    }
}
