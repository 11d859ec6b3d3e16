package dev.agentgraph.plugins.claudecode;

import dev.agentgraph.api.HookLine;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;

/** A hand-made Claude Code hook line for tests: the common envelope, a receive time, any members. */
final class Payload {
    private final JsonObject json = new JsonObject();

    private Payload(String session, String hook) {
        json.addProperty("session_id", session);
        json.addProperty("transcript_path", "/home/dev/.claude/projects/-home-dev-app/" + session + ".jsonl");
        json.addProperty("cwd", "/home/dev/app");
        json.addProperty("hook_event_name", hook);
    }

    static Payload of(String session, String hook) {
        return new Payload(session, hook);
    }

    Payload with(String field, String value) {
        json.addProperty(field, value);
        return this;
    }

    Payload with(String field, boolean value) {
        json.addProperty(field, value);
        return this;
    }

    /** A member given as JSON text. */
    Payload json(String field, String jsonText) {
        JsonElement v = JsonParser.parseString(jsonText);
        json.add(field, v);
        return this;
    }

    /** Inside a sub-agent: its id and type. */
    Payload agent(String id, String type) {
        return with("agent_id", id).with("agent_type", type);
    }

    Payload at(Instant received) {
        return with(HookLine.RECEIVED, received.toString());
    }

    String line() {
        return json.toString();
    }
}
