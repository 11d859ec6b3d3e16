package dev.agentgraph.frontend;

import com.google.gson.JsonObject;

/** Canonical event lines for tests, built with Gson so that hostile strings stay intact. */
final class Events {

    private Events() {
    }

    /** One JSON line from alternating field names and values (String, Number or Boolean). */
    static String line(String event, Object... fieldsAndValues) {
        JsonObject o = new JsonObject();
        o.addProperty("event", event);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            String field = (String) fieldsAndValues[i];
            Object v = fieldsAndValues[i + 1];
            if (v instanceof Number n) {
                o.addProperty(field, n);
            } else if (v instanceof Boolean b) {
                o.addProperty(field, b);
            } else if (v instanceof JsonObject j) {
                o.add(field, j);
            } else if (v != null) {
                o.addProperty(field, v.toString());
            }
        }
        return o.toString();
    }

    static String sessionStart(String session, String cwd) {
        return line("session_start", "session_id", session, "cwd", cwd);
    }

    static String spawn(String session, String id, String parent, String model, String type) {
        return line("agent_spawn", "session_id", session, "id", id, "parent_id", parent, "model", model,
                "subagent_type", type);
    }

    static String toolUse(String session, String agent, String tool) {
        return line("tool_use", "session_id", session, "agent_id", agent, "tool", tool);
    }

    static String done(String session, String id, String outcome) {
        return line("agent_done", "session_id", session, "id", id, "outcome", outcome);
    }
}
