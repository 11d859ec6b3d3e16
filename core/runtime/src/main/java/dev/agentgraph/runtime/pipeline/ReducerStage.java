package dev.agentgraph.runtime.pipeline;

import dev.agentgraph.api.Reducer;

/** A reducer in the chain, with its position, counters and guard. */
public record ReducerStage(String id, int order, Reducer reducer, ComponentStats stats, Guard guard) {
}
