package dev.agentgraph.installer;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * AgentGraph's entries in the {@code hooks} section of a Claude Code settings file, and how they
 * are merged in and taken out without touching anything else. An entry is ours when it is a
 * command hook running {@code agentgraph-hook.sh} or an http hook posting to
 * {@code /ingest/claude-code}; that is how a reinstall replaces them and uninstall finds them.
 */
final class HookEntries {

    /** The hook events AgentGraph listens to. */
    static final List<String> EVENTS = List.of("SessionStart", "UserPromptSubmit", "PreToolUse", "PostToolUse",
            "PostToolUseFailure", "SubagentStart", "SubagentStop", "Notification", "Stop", "SessionEnd");

    static final String SCRIPT_NAME = "agentgraph-hook.sh";
    static final String INGEST_PATH = "/ingest/claude-code";

    private final JsonObject hook;

    private HookEntries(JsonObject hook) {
        this.hook = hook;
    }

    /**
     * Command hooks running the sh hook. They run with {@code async: true}, off the agent's
     * path, except at {@code SessionEnd}, where Claude Code is exiting and an async hook could
     * be lost: there the hook (a few milliseconds) runs before Claude Code exits.
     */
    static HookEntries command(String hookScript, String eventsFile) {
        String command = (eventsFile == null ? "" : "AGENTGRAPH_EVENTS=" + shellQuote(eventsFile) + " ")
                + "sh " + shellQuote(hookScript);
        JsonObject h = new JsonObject();
        h.addProperty("type", "command");
        h.addProperty("command", command);
        h.addProperty("timeout", 10);
        return new HookEntries(h);
    }

    /**
     * HTTP hooks posting each payload to a running AgentGraph. With {@code tokenEnv}, each post
     * carries {@code Authorization: Bearer $tokenEnv}, which Claude Code fills in from its own
     * environment, so the token itself is never written into the settings file.
     */
    static HookEntries http(String url, String tokenEnv) {
        JsonObject h = new JsonObject();
        h.addProperty("type", "http");
        h.addProperty("url", url);
        h.addProperty("timeout", 5);
        if (tokenEnv != null) {
            JsonObject headers = new JsonObject();
            headers.addProperty("Authorization", "Bearer $" + tokenEnv);
            h.add("headers", headers);
            JsonArray allowed = new JsonArray();
            allowed.add(tokenEnv);
            h.add("allowedEnvVars", allowed);
        }
        return new HookEntries(h);
    }

    /** The hook object registered for one event. */
    JsonObject hookFor(String event) {
        JsonObject h = hook.deepCopy();
        if ("command".equals(h.get("type").getAsString())) {
            h.addProperty("async", !"SessionEnd".equals(event));
        }
        return h;
    }

    /** The {@code hooks} section these entries amount to on their own, for {@code hooks print}. */
    JsonObject section() {
        JsonObject section = new JsonObject();
        for (String event : EVENTS) {
            section.add(event, groupArray(event));
        }
        return section;
    }

    /**
     * Removes any earlier AgentGraph entry, then adds ours as one matcher group per event (no
     * matcher: every tool, every source). Everything else stays as it was, in its order.
     */
    void install(JsonObject settings) throws SettingsException {
        uninstall(settings);
        JsonObject hooks = section(settings, true);
        for (String event : EVENTS) {
            JsonElement groups = hooks.get(event);
            if (groups == null) {
                hooks.add(event, groupArray(event));
            } else {
                groups.getAsJsonArray().add(group(event));
            }
        }
    }

    /** Removes every AgentGraph entry, and the groups, events and section it leaves empty. */
    static void uninstall(JsonObject settings) throws SettingsException {
        JsonObject hooks = section(settings, false);
        if (hooks == null) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonElement>> events = hooks.entrySet().iterator(); events.hasNext(); ) {
            Map.Entry<String, JsonElement> event = events.next();
            JsonArray groups = event.getValue().getAsJsonArray();
            boolean touched = false;
            for (Iterator<JsonElement> gi = groups.iterator(); gi.hasNext(); ) {
                JsonElement group = gi.next();
                JsonElement list = group.isJsonObject() ? group.getAsJsonObject().get("hooks") : null;
                if (list == null || !list.isJsonArray()) {
                    continue;
                }
                int before = list.getAsJsonArray().size();
                list.getAsJsonArray().asList().removeIf(HookEntries::isOurs);
                if (list.getAsJsonArray().size() != before) {
                    touched = true;
                    if (list.getAsJsonArray().isEmpty()) {
                        gi.remove();
                    }
                }
            }
            if (touched && groups.isEmpty()) {
                events.remove();
            }
        }
        if (hooks.isEmpty()) {
            settings.remove("hooks");
        }
    }

    /** Whether a settings file holds any AgentGraph entry. */
    static boolean installed(JsonObject settings) throws SettingsException {
        JsonObject copy = settings.deepCopy();
        uninstall(copy);
        return !copy.equals(settings);
    }

    static boolean isOurs(JsonElement e) {
        if (!e.isJsonObject()) {
            return false;
        }
        JsonObject h = e.getAsJsonObject();
        String command = string(h, "command");
        String url = string(h, "url");
        return (command != null && command.contains(SCRIPT_NAME))
                || (url != null && url.replaceAll("[?#].*$", "").endsWith(INGEST_PATH));
    }

    private JsonArray groupArray(String event) {
        JsonArray groups = new JsonArray();
        groups.add(group(event));
        return groups;
    }

    private JsonObject group(String event) {
        JsonArray list = new JsonArray();
        list.add(hookFor(event));
        JsonObject group = new JsonObject();
        group.add("hooks", list);
        return group;
    }

    /** The {@code hooks} object, checked: each event must map to an array. */
    private static JsonObject section(JsonObject settings, boolean create) throws SettingsException {
        JsonElement hooks = settings.get("hooks");
        if (hooks == null || hooks.isJsonNull()) {
            if (!create) {
                return null;
            }
            JsonObject made = new JsonObject();
            settings.add("hooks", made);
            return made;
        }
        if (!hooks.isJsonObject()) {
            throw new SettingsException("\"hooks\" is not an object");
        }
        for (Map.Entry<String, JsonElement> event : hooks.getAsJsonObject().entrySet()) {
            if (!event.getValue().isJsonArray()) {
                throw new SettingsException("\"hooks\".\"" + event.getKey() + "\" is not an array");
            }
        }
        return hooks.getAsJsonObject();
    }

    private static String string(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    /** Single-quotes a word for the shell Claude Code runs commands with. */
    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
