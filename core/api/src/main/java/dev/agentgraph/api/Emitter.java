package dev.agentgraph.api;

/** Where events go. Thread-safe for sources; from a reducer, call it only within the call it was given to. */
@FunctionalInterface
public interface Emitter {

    /**
     * Sends one event onward. From a source this may wait while the pipeline's inbound queue is
     * full, which is how a fast source is slowed to the pipeline's pace; when nothing waits and the
     * pipeline is idle, the event runs through the reducers and inline sinks on the caller's thread
     * before this returns (see {@link Reducer}).
     */
    void emit(Event event);
}
