package dev.agentgraph.plugins.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.agentgraph.api.Event;
import dev.agentgraph.plugins.alive.AliveAgentsFactory;
import dev.agentgraph.plugins.tools.ToolAggregatorFactory;
import dev.agentgraph.testkit.TestAgentGraph;
import dev.agentgraph.testkit.WsClient;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Batched frames end in the same state as one frame per event: a model of the page's handling
 * (the snapshot's alive agents, then each event frame applied in order, batches unpacked into the
 * same per-event handling as in {@code connection.js}) ends with exactly the agents a fresh
 * snapshot holds, while a quiet stream still sends one event per frame.
 */
class BatchingTest {

    private static final int AGENTS = 3000;

    @Test
    void aBurstArrivesInBatchesAndDrawsTheSameAgentsAsAFreshSnapshot() {
        try (TestAgentGraph graph = TestAgentGraph.builder()
                .component(new AliveAgentsFactory())
                .component(new ToolAggregatorFactory())
                .component(new WebSocketSinkFactory())
                .set("plugin.websocket.max-pending-frames", "100000")
                .start();
             WsClient page = WsClient.connect(graph.ws("/stream"))) {
            page.snapshot();
            // A burst: every third agent finishes, the others stay alive.
            for (int i = 0; i < AGENTS; i++) {
                graph.emit(Event.builder("agent_spawn").put("session_id", "s1").put("id", "a" + i).build());
                if (i % 3 == 0) {
                    graph.emit(Event.builder("agent_done").put("session_id", "s1").put("id", "a" + i)
                            .put("outcome", "success").build());
                }
            }
            long last = lastSeq(graph, AGENTS + AGENTS / 3);
            page.awaitFrame(f -> "event".equals(type(f)) && f.get("seq").getAsLong() == last);

            List<String> texts = page.texts();
            assertThat(texts).as("the burst went out in fewer frames than events, some of them batches")
                    .anyMatch(t -> t.startsWith("{\"type\":\"events\",\"data\":[{\"type\":\"event\","))
                    .hasSizeLessThan(AGENTS);
            try (WsClient fresh = WsClient.connect(graph.ws("/stream"))) {
                assertThat(drawn(page.frames())).as("the agents drawn from the batched stream")
                        .isEqualTo(alive(fresh.snapshot())).hasSize(AGENTS - (AGENTS + 2) / 3);
            }

            // Quiet again: a lone event is its own frame, sent at once.
            int framesBefore = page.texts().size();
            graph.emit(Event.builder("agent_done").put("session_id", "s1").put("id", "a1").put("outcome", "success").build());
            page.awaitFrame(f -> "event".equals(type(f)) && f.get("seq").getAsLong() == last + 1);
            assertThat(page.texts().subList(framesBefore, page.texts().size()))
                    .anyMatch(t -> t.startsWith("{\"type\":\"event\",\"seq\":" + (last + 1) + ","));
        }
    }

    private static long lastSeq(TestAgentGraph graph, long atLeast) {
        await().atMost(Duration.ofSeconds(30)).until(() -> graph.stats().get("seq").getAsLong() >= atLeast);
        return graph.stats().get("seq").getAsLong();
    }

    /** What the page would draw: the snapshot's agents, then spawns added and dones removed, in frame order. */
    private static Set<String> drawn(List<JsonObject> frames) {
        Set<String> agents = alive(frames.get(0));
        long seq = frames.get(0).get("seq").getAsLong();
        for (JsonObject frame : frames.subList(1, frames.size())) {
            if (!"event".equals(type(frame))) {
                continue;
            }
            assertThat(frame.get("seq").getAsLong()).as("no gap, no duplicate").isEqualTo(seq + 1);
            seq++;
            JsonObject data = frame.getAsJsonObject("data");
            String event = data.get("event").getAsString();
            if (event.equals("agent_spawn")) {
                agents.add(data.get("id").getAsString());
            } else if (event.equals("agent_done")) {
                agents.remove(data.get("id").getAsString());
            }
        }
        return agents;
    }

    private static Set<String> alive(JsonObject snapshot) {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonElement agent : snapshot.getAsJsonArray("alive")) {
            ids.add(agent.getAsJsonObject().get("id").getAsString());
        }
        return ids;
    }

    private static String type(JsonObject frame) {
        JsonElement t = frame.get("type");
        return t == null ? "" : t.getAsString();
    }
}
