package dev.agentgraph.plugins.alive;

import com.google.gson.JsonObject;
import dev.agentgraph.api.Canonical;
import dev.agentgraph.api.Event;
import java.time.Instant;
import java.util.Set;

/** One alive agent, as known from its {@code agent_spawn} and its later activity. */
final class AgentState {

    /** What an {@code agent_update} may change. */
    private static final Set<String> UPDATABLE = Set.of(Canonical.MODEL, Canonical.SUBAGENT_TYPE,
            Canonical.WAITING_FLAG, Canonical.TASK, Canonical.IDLE, Canonical.COST_USD, Canonical.COST_PARTIAL,
            Canonical.TOKENS, Canonical.STOPPING);

    final String sessionId;
    final String id;
    final Instant startedAt;
    Instant lastActivity;
    private final JsonObject fields = new JsonObject();

    AgentState(String sessionId, String id, Instant startedAt) {
        this.sessionId = sessionId;
        this.id = id;
        this.startedAt = startedAt;
        this.lastActivity = startedAt;
    }

    /** Takes the descriptive fields of a spawn event; a repeated spawn updates them. */
    void describe(Event spawn, SessionState session) {
        fields.addProperty(Canonical.PARENT_ID, spawn.string(Canonical.PARENT_ID, Canonical.ORCHESTRATOR));
        fields.addProperty(Canonical.PARENT_INFERRED, spawn.bool(Canonical.PARENT_INFERRED, false));
        copy(spawn, Canonical.KIND);
        copy(spawn, Canonical.TEAM);
        copy(spawn, Canonical.SUBAGENT_TYPE);
        copy(spawn, Canonical.MODEL);
        copy(spawn, Canonical.DESCRIPTION);
        copy(spawn, Canonical.PROMPT_PREVIEW);
        String cwd = spawn.string(Canonical.CWD, session.cwd);
        if (cwd != null) {
            fields.addProperty(Canonical.CWD, cwd);
            fields.addProperty(Canonical.PROJECT, Canonical.projectOf(cwd));
        }
    }

    /** Takes the fields an {@code agent_update} changed; a member given as JSON null is forgotten. */
    void update(Event update) {
        Fields.merge(fields, update, UPDATABLE);
    }

    /** Waits for the user, or no longer. */
    void waiting(boolean waiting) {
        if (waiting) {
            fields.addProperty(Canonical.WAITING_FLAG, true);
        } else {
            fields.remove(Canonical.WAITING_FLAG);
        }
    }

    String parentId() {
        return fields.get(Canonical.PARENT_ID).getAsString();
    }

    /** A copy for the snapshot. */
    JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty(Canonical.ID, id);
        if (!Canonical.DEFAULT_SESSION.equals(sessionId)) {
            o.addProperty(Canonical.SESSION_ID, sessionId);
        }
        fields.entrySet().forEach(e -> o.add(e.getKey(), e.getValue()));
        o.addProperty("started_at", startedAt.toString());
        o.addProperty("last_activity", lastActivity.toString());
        return o;
    }

    private void copy(Event spawn, String field) {
        String value = spawn.string(field);
        if (value != null) {
            fields.addProperty(field, value);
        } else {
            fields.remove(field);
        }
    }
}
