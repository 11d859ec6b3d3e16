package dev.agentgraph.plugins.alive;

import com.google.gson.JsonObject;
import dev.agentgraph.api.Canonical;
import dev.agentgraph.api.Event;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** One session seen recently: where it runs, whether it waits for the user, its alive agents. */
final class SessionState {

    /** What a {@code session_start} or {@code session_update} may tell of a session, kept as last told. */
    private static final Set<String> DESCRIBED = Set.of(Canonical.MODEL, Canonical.ORCHESTRATOR_TYPE,
            Canonical.COMPACTING, Canonical.TASKS, Canonical.COST_USD, Canonical.COST_PARTIAL, Canonical.TOKENS,
            Canonical.HOST, Canonical.RUNTIME, Canonical.HELD);

    final String id;
    final Instant startedAt;
    Instant lastActivity;
    String cwd;
    boolean waiting;
    final Map<String, AgentState> agents = new LinkedHashMap<>();
    private final JsonObject fields = new JsonObject();

    SessionState(String id, Instant startedAt) {
        this.id = id;
        this.startedAt = startedAt;
        this.lastActivity = startedAt;
    }

    /** Takes what a session event tells; a member given as JSON null is forgotten. */
    void describe(Event event) {
        Fields.merge(fields, event, DESCRIBED);
    }

    /** A copy for the snapshot. */
    JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty(Canonical.SESSION_ID, id);
        if (cwd != null) {
            o.addProperty(Canonical.CWD, cwd);
            o.addProperty(Canonical.PROJECT, Canonical.projectOf(cwd));
        }
        fields.entrySet().forEach(e -> o.add(e.getKey(), e.getValue()));
        o.addProperty("waiting", waiting);
        o.addProperty("agents", agents.size());
        o.addProperty("started_at", startedAt.toString());
        o.addProperty("last_activity", lastActivity.toString());
        return o;
    }
}
