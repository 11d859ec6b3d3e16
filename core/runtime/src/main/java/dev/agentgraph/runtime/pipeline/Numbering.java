package dev.agentgraph.runtime.pipeline;

import dev.agentgraph.api.Event;

/**
 * Gives events their sequence number: the pipeline as they leave the last reducer, and the
 * testkit for sink tests without a pipeline. It holds the API's one {@link Event#sequencer()},
 * so that the API offers plugins no way to number an event.
 */
public final class Numbering {

    private static final Event.Sequencer SEQUENCER = Event.sequencer();

    private Numbering() {
    }

    /** {@code event} with sequence number {@code seq}. */
    public static Event number(Event event, long seq) {
        return SEQUENCER.number(event, seq);
    }
}
