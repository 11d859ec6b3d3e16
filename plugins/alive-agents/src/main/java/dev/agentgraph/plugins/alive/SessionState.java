package dev.agentgraph.plugins.alive;

import com.google.gson.JsonObject;
import dev.agentgraph.api.Canonical;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One session seen recently: where it runs, whether it waits for the user, its alive agents. */
final class SessionState {

    final String id;
    final Instant startedAt;
    Instant lastActivity;
    String cwd;
    String model;
    boolean waiting;
    final Map<String, AgentState> agents = new LinkedHashMap<>();

    SessionState(String id, Instant startedAt) {
        this.id = id;
        this.startedAt = startedAt;
        this.lastActivity = startedAt;
    }

    /** The project name shown for a working directory: its last path part. */
    static String projectOf(String cwd) {
        String trimmed = cwd.replaceAll("[/\\\\]+$", "");
        int cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
        return cut < 0 ? trimmed : trimmed.substring(cut + 1);
    }

    /** A copy for the snapshot. */
    JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty(Canonical.SESSION_ID, id);
        if (cwd != null) {
            o.addProperty(Canonical.CWD, cwd);
            o.addProperty(Canonical.PROJECT, projectOf(cwd));
        }
        if (model != null) {
            o.addProperty(Canonical.MODEL, model);
        }
        o.addProperty("waiting", waiting);
        o.addProperty("agents", agents.size());
        o.addProperty("started_at", startedAt.toString());
        o.addProperty("last_activity", lastActivity.toString());
        return o;
    }
}
