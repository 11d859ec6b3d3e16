package dev.agentgraph.plugins.tools;

import com.google.gson.JsonObject;
import dev.agentgraph.api.Canonical;
import java.util.LinkedHashMap;
import java.util.Map;

/** The tool and skill counts of one agent of one session, with a cap on distinct names. */
final class AgentTools {

    /** Names beyond the cap are counted together under this name. */
    static final String OTHER = "(other)";

    final String sessionId;
    final String agentId;
    private final int maxNames;
    private final Map<String, ToolCount> tools = new LinkedHashMap<>();
    private final Map<String, ToolCount> skills = new LinkedHashMap<>();
    long total;

    AgentTools(String sessionId, String agentId, int maxNames) {
        this.sessionId = sessionId;
        this.agentId = agentId;
        this.maxNames = maxNames;
    }

    ToolCount tool(String name) {
        return entry(tools, name);
    }

    ToolCount skill(String name) {
        return entry(skills, name);
    }

    /** Whether any rate is above zero at {@code nowSecond}, so a later update will differ. */
    boolean hasRecent(long nowSecond) {
        for (ToolCount c : tools.values()) {
            if (c.rate.perSecond(nowSecond) > 0) {
                return true;
            }
        }
        for (ToolCount c : skills.values()) {
            if (c.rate.perSecond(nowSecond) > 0) {
                return true;
            }
        }
        return false;
    }

    JsonObject toJson(long nowSecond) {
        JsonObject o = new JsonObject();
        if (!Canonical.DEFAULT_SESSION.equals(sessionId)) {
            o.addProperty(Canonical.SESSION_ID, sessionId);
        }
        o.addProperty(Canonical.AGENT_ID, agentId);
        o.addProperty("total", total);
        o.add("tools", toJson(tools, nowSecond));
        o.add("skills", toJson(skills, nowSecond));
        return o;
    }

    private ToolCount entry(Map<String, ToolCount> map, String name) {
        ToolCount c = map.get(name);
        if (c == null) {
            String key = map.size() >= maxNames ? OTHER : name;
            c = map.computeIfAbsent(key, k -> new ToolCount());
        }
        return c;
    }

    private static JsonObject toJson(Map<String, ToolCount> map, long nowSecond) {
        JsonObject o = new JsonObject();
        map.forEach((name, c) -> o.add(name, c.toJson(nowSecond)));
        return o;
    }
}
