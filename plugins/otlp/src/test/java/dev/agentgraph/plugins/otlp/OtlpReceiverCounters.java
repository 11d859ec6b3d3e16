package dev.agentgraph.plugins.otlp;

import com.google.gson.JsonObject;
import dev.agentgraph.testkit.TestAgentGraph;

/** The receiver's counters as {@code /api/stats} shows them. */
final class OtlpReceiverCounters {

    private OtlpReceiverCounters() {
    }

    static long of(TestAgentGraph graph, String name) {
        JsonObject counters = graph.stats().getAsJsonObject("components").getAsJsonObject(OtlpFactory.ID)
                .getAsJsonObject("counters");
        return counters.has(name) ? counters.get(name).getAsLong() : 0;
    }
}
