package dev.agentgraph.api;

/** Where events go. Thread-safe for sources; from a reducer, call it only on the pipeline thread. */
@FunctionalInterface
public interface Emitter {

    /**
     * Sends one event onward. From a source this may wait while the pipeline's inbound queue is
     * full, which is how a fast source is slowed to the pipeline's pace.
     */
    void emit(Event event);
}
