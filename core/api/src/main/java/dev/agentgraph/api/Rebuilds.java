package dev.agentgraph.api;

import java.util.function.Consumer;

/**
 * Starts the reducers' state over from a recording: for a source that jumps to a moment of what
 * it plays (the replay's seek). What the reducers hold at that moment is what they build from the
 * recording's events up to it, by the same code as live.
 */
@FunctionalInterface
public interface Rebuilds {

    /**
     * The event type sinks receive once a rebuild is done: everything a sink derived from earlier
     * events is superseded. The websocket sink sends each client a fresh snapshot in its place.
     */
    String REBUILT = "state_rebuilt";

    /**
     * Rebuilds, and returns when done. Once every event emitted before this call has gone through
     * the reducers, each reducer is closed and created anew by its factory; then {@code feed} is
     * called on the pipeline thread with an emitter whose events go straight through the new
     * reducers, as if played now (not as history: a replay's past is played now), and no sink sees
     * what leaves them; last, sinks get one event of type {@link #REBUILT}. Snapshots wait meanwhile. {@code feed} should read its events
     * itself (a file, say), not wait for another thread; whatever it throws is logged and counted,
     * and the rebuild ends with what it fed until then.
     */
    void rebuild(Consumer<Emitter> feed) throws InterruptedException;
}
