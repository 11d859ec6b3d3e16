package dev.agentgraph.api;

import com.google.gson.JsonObject;
import java.time.Instant;

/**
 * An ordered stage of the pipeline. Its methods are called one at a time, under the pipeline's own
 * lock: on the pipeline thread, or on the thread of a source whose event found the pipeline idle
 * (it then runs its event itself, which saves a hand-off). So a reducer keeps its state in plain
 * fields, needs no locks, keeps nothing in thread-locals, and must never block for long: it delays
 * every event behind it.
 */
public interface Reducer {

    /**
     * Handles one event. Returns the event to pass on to the next stage (the usual case is
     * {@code event} itself), a replacement, or {@code null} to drop it. Derived events given to
     * {@code emit} enter the next stage before the returned event, in the order emitted. An event
     * derived from a history event should be marked {@link Event#asHistory()} too. An exception
     * is logged (at most once every ten seconds) and counted as the reducer's {@code errors}, and
     * the event passes on unchanged; the events it emitted before throwing still go on.
     */
    Event reduce(Event event, Emitter emit);

    /**
     * Called about once a second with the current time, for time-driven work such as retiring
     * silent agents or emitting rate-limited aggregates. An exception is logged and counted; the
     * next tick still comes.
     */
    default void tick(Instant now, Emitter emit) {
    }

    /**
     * Adds this reducer's part to the snapshot a new client receives, as top-level members of
     * {@code snapshot} (for example {@code alive}, {@code sessions}, {@code tools}). The object
     * is sent as it is; put copies in it, not live state. An exception is logged and counted,
     * and the snapshot goes out all the same (with what this reducer put in before it threw).
     */
    default void snapshot(JsonObject snapshot) {
    }

    /** Releases resources at shutdown (5 s for all reducers). An exception is logged; shutdown goes on. */
    default void close() {
    }
}
