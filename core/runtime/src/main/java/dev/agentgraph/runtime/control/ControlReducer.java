package dev.agentgraph.runtime.control;

import dev.agentgraph.api.Canonical;
import dev.agentgraph.api.Emitter;
import dev.agentgraph.api.Event;
import dev.agentgraph.api.Reducer;
import java.time.Instant;

/**
 * Lets decisions expire with what they name: a stopped agent's at its {@code agent_done}, a
 * session's (held, and its stopped agents) at its {@code session_end}, anything after
 * {@link ControlBook#TTL}. Runs after every decoder, on canonical events; passes them on unchanged.
 */
final class ControlReducer implements Reducer {

    /** After the decoders (100–199) and alive-agents (200–299): it only watches. */
    static final int ORDER = 900;

    private final ControlBook book;

    ControlReducer(ControlBook book) {
        this.book = book;
    }

    @Override
    public Event reduce(Event event, Emitter emit) {
        String type = event.type();
        if (Canonical.AGENT_DONE.equals(type)) {
            String id = event.string(Canonical.ID);
            if (id != null) {
                book.agentEnded(event.string(Canonical.SESSION_ID, Canonical.DEFAULT_SESSION), id);
            }
        } else if (Canonical.SESSION_END.equals(type)) {
            book.sessionEnded(event.string(Canonical.SESSION_ID, Canonical.DEFAULT_SESSION));
        }
        return event;
    }

    @Override
    public void tick(Instant now, Emitter emit) {
        book.expire(now);
    }
}
