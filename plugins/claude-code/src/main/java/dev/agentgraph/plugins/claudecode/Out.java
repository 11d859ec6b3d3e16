package dev.agentgraph.plugins.claudecode;

import dev.agentgraph.api.Emitter;
import dev.agentgraph.api.Event;
import java.time.Instant;

/**
 * Where derived events go, whether they are history, and the time they happened. One payload can
 * produce events at different times (a legacy spawn at its Task call, a finish at its stop), so the
 * three travel together instead of as loose arguments.
 */
final class Out {
    final Emitter emit;
    final boolean history;
    final Instant at;

    Out(Emitter emit, boolean history, Instant at) {
        this.emit = emit;
        this.history = history;
        this.at = at;
    }

    /** The same destination, for events that happened at another time. */
    Out at(Instant when) {
        return new Out(emit, history, when);
    }

    void emit(Event.Builder b) {
        emit.emit(b.history(history).build());
    }
}
