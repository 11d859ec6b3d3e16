package dev.agentgraph.hooks;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * The test's own, independent account of which model the raw Claude Code payloads revealed for
 * each sub-agent so far: {@code tool_response.resolvedModel} of the {@code PostToolUse} that
 * names the agent, else the {@code tool_input.model} of the {@code Agent} call (its
 * {@code PreToolUse}, joined by {@code tool_use_id}, or the input the result repeats;
 * {@code inherit} meaning the session's model).
 */
final class RevealedModels {
    private final Map<String, String> requestedByToolUse = new HashMap<>();
    private final Map<String, String> byAgent = new HashMap<>();
    private final Map<String, String> sessionModel = new HashMap<>();

    void see(JsonObject p) {
        String hook = str(p, "hook_event_name");
        String session = str(p, "session_id");
        String tool = str(p, "tool_name");
        boolean agentTool = "Agent".equals(tool) || "Task".equals(tool);
        if ("SessionStart".equals(hook) && str(p, "model") != null) {
            sessionModel.put(session, str(p, "model"));
        } else if ("PostModelSwitch".equals(hook)) {
            sessionModel.put(session, str(p, "to_model"));
        } else if ("PreToolUse".equals(hook) && agentTool && obj(p, "tool_input") != null) {
            String model = str(obj(p, "tool_input"), "model");
            if (model != null) {
                requestedByToolUse.put(str(p, "tool_use_id"), "inherit".equals(model) ? sessionModel.get(session) : model);
            }
        } else if ("PostToolUse".equals(hook) && agentTool && obj(p, "tool_response") != null) {
            JsonObject response = obj(p, "tool_response");
            String agent = str(response, "agentId");
            if (agent == null) {
                return;
            }
            String model = str(response, "resolvedModel");
            if (model == null) {
                model = requestedByToolUse.get(str(p, "tool_use_id"));
            }
            if (model == null && obj(p, "tool_input") != null) {
                model = str(obj(p, "tool_input"), "model"); // the result repeats the call's input
                model = "inherit".equals(model) ? sessionModel.get(session) : model;
            }
            if (model != null) {
                byAgent.put(agent, model);
            }
        }
    }

    /** The model revealed for an agent, or null while none was. */
    String of(String agentId) {
        return byAgent.get(agentId);
    }

    static String str(JsonObject o, String field) {
        JsonElement e = o == null ? null : o.get(field);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    private static JsonObject obj(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }
}
