package dev.agentgraph.plugins.otlp;

import dev.agentgraph.api.Canonical;
import dev.agentgraph.api.Counter;
import dev.agentgraph.api.Emitter;
import dev.agentgraph.api.Event;
import dev.agentgraph.api.Reducer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Joins OTLP to hooks. The hooks' events (from the decoders, without {@code via}) say first which
 * tool calls, agents and sessions exist; the same fact arriving again from OTLP
 * ({@code via: "otlp"}, usually seconds later: Claude Code batches its log events) is dropped,
 * and an OTLP {@code session_start} of a session the hooks announced becomes a
 * {@code session_update} with what only OTLP knows (host, runtime). Cost updates pass: the hooks
 * do not carry them. The remembered ids are bounded (the oldest are forgotten first).
 */
final class OtlpJoin implements Reducer {

    private final BoundedSet toolCalls;
    private final BoundedSet agents;
    private final BoundedSet sessions;
    private final Counter joined;

    OtlpJoin(int max, Counter joined) {
        this.toolCalls = new BoundedSet(max);
        this.agents = new BoundedSet(max);
        this.sessions = new BoundedSet(max);
        this.joined = joined;
    }

    @Override
    public Event reduce(Event event, Emitter emit) {
        boolean otlp = Out.OTLP.equals(event.string(Out.VIA));
        String type = event.type();
        String id = switch (type) {
            case Canonical.TOOL_USE, Canonical.TOOL_DONE, Canonical.TOOL_FAILED -> event.string(Canonical.TOOL_USE_ID);
            case Canonical.AGENT_SPAWN, Canonical.AGENT_DONE -> DecoderState.key(event.session(), event.string(Canonical.ID, ""));
            case Canonical.SESSION_START -> event.session();
            default -> null;
        };
        if (id == null) {
            return event;
        }
        BoundedSet seen = switch (type) {
            case Canonical.AGENT_SPAWN, Canonical.AGENT_DONE -> agents;
            case Canonical.SESSION_START -> sessions;
            default -> toolCalls;
        };
        if (!otlp) {
            seen.add(id);
            return event;
        }
        if (!seen.contains(id)) {
            return event;
        }
        joined.increment();
        if (!type.equals(Canonical.SESSION_START)) {
            return null;
        }
        if (!event.has(SessionBook.HOST) && !event.has(SessionBook.RUNTIME)) {
            return null;
        }
        return event.toBuilder().put(Canonical.EVENT, Types.SESSION_UPDATE).build();
    }

    /** Insertion-ordered ids, the oldest forgotten past the cap. */
    private static final class BoundedSet {
        private final Map<String, Boolean> ids;

        BoundedSet(int max) {
            this.ids = new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > max;
                }
            };
        }

        void add(String id) {
            ids.put(id, Boolean.TRUE);
        }

        boolean contains(String id) {
            return ids.containsKey(id);
        }
    }
}
