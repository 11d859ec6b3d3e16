package dev.agentgraph.runtime.pipeline;

import dev.agentgraph.api.Emitter;
import dev.agentgraph.api.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * The emitter a reducer gets for one call: it collects derived events so the pipeline can send them
 * to the next stage, in order, before the event the reducer returns. Using it after the call
 * returned (from a kept reference or another thread) is a bug in the reducer, counted as an error.
 */
final class StageEmitter implements Emitter {

    private final Guard guard;
    private final Thread owner = Thread.currentThread();
    private List<Event> events;
    private boolean closed;

    StageEmitter(Guard guard) {
        this.guard = guard;
    }

    @Override
    public void emit(Event event) {
        if (closed || Thread.currentThread() != owner) {
            guard.failed("emit", new IllegalStateException(
                    "a reducer may emit only during reduce() or tick(), on the pipeline thread"));
            return;
        }
        if (event == null) {
            guard.failed("emit", new NullPointerException("emitted a null event"));
            return;
        }
        if (events == null) {
            events = new ArrayList<>(2);
        }
        events.add(event);
    }

    /** Ends the call; returns what was emitted during it. */
    List<Event> close() {
        closed = true;
        return events == null ? List.of() : events;
    }
}
