package dev.agentgraph.runtime.pipeline;

import dev.agentgraph.api.Reducer;

/**
 * A reducer in the chain, with its position, counters and guard, and how to make it anew when
 * the state is rebuilt ({@link Pipeline#rebuilds()}). Its reducer is only read and replaced on the
 * pipeline thread.
 */
public final class ReducerStage {

    private final String id;
    private final int order;
    private final ComponentStats stats;
    private final Guard guard;
    private final Guard.Call<Reducer> factory;
    private Reducer reducer;

    /** A stage running {@code reducer}; {@code factory} makes a fresh one like it. */
    public ReducerStage(String id, int order, Reducer reducer, Guard.Call<Reducer> factory, ComponentStats stats, Guard guard) {
        this.id = id;
        this.order = order;
        this.reducer = reducer;
        this.factory = factory;
        this.stats = stats;
        this.guard = guard;
    }

    public String id() {
        return id;
    }

    public int order() {
        return order;
    }

    public Reducer reducer() {
        return reducer;
    }

    public ComponentStats stats() {
        return stats;
    }

    public Guard guard() {
        return guard;
    }

    /**
     * Closes the reducer and puts a fresh one in its place. When the factory fails the stage keeps
     * a reducer that passes every event on unchanged and holds no state (the failure is logged and
     * counted), so the stages after it still run.
     */
    void renew() {
        guard.run("close", reducer::close);
        Reducer fresh = guard.call("rebuild", factory);
        reducer = fresh != null ? fresh : (event, emit) -> event;
    }

    /** Closes the reducer now running; at shutdown. */
    public void close() {
        guard.run("close", reducer::close);
    }
}
