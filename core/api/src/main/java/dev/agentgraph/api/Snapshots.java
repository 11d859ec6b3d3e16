package dev.agentgraph.api;

import com.google.gson.JsonObject;

/** Takes snapshots of the reducers' state. */
public interface Snapshots {

    /**
     * Takes a snapshot on the pipeline thread and waits for it. The snapshot reflects exactly
     * the events with a sequence number up to {@link Snapshot#seq()}: a sink that sends it and
     * then every event with a greater number neither misses nor doubles one. Call it from a
     * sink's or a server thread, never from a reducer.
     */
    Snapshot take() throws InterruptedException;

    /**
     * A snapshot: {@code body} is {@code {"type":"snapshot","seq":N, …each reducer's part…}}.
     * The body is the caller's own copy.
     */
    record Snapshot(long seq, JsonObject body) {
    }
}
