package dev.agentgraph.plugins.otlp;

import dev.agentgraph.api.Canonical;
import dev.agentgraph.api.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical events decoded from one request, emitted together once the whole request is
 * decoded. Each carries {@code via: "otlp"}, which is how the {@code otlp-join} reducer tells
 * them from the same facts learnt from hooks.
 */
final class Out {

    static final String VIA = "via";
    static final String OTLP = "otlp";

    private final List<Event> events = new ArrayList<>();

    static Event.Builder event(String type, String session, Instant ts) {
        return Event.builder(type).ts(ts).put(Canonical.SESSION_ID, session).put(VIA, OTLP);
    }

    void add(Event.Builder event) {
        events.add(event.build());
    }

    List<Event> events() {
        return events;
    }
}
