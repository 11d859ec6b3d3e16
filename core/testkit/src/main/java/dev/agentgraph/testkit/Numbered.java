package dev.agentgraph.testkit;

import dev.agentgraph.api.Event;
import dev.agentgraph.runtime.pipeline.Numbering;

/** Numbered events for a sink's unit test, as the pipeline would hand them over. */
public final class Numbered {

    private Numbered() {
    }

    /** {@code event} with the sequence number {@code seq}. */
    public static Event event(Event event, long seq) {
        return Numbering.number(event, seq);
    }
}
