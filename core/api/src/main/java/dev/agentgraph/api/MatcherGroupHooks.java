package dev.agentgraph.api;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hook settings shape Claude Code, Codex CLI and Gemini CLI share:
 *
 * <pre>{"hooks": {"&lt;Event&gt;": [{"matcher": "…", "hooks": [{"type": "command", …}]}]}}</pre>
 *
 * AgentGraph adds one group without a matcher (every tool, every source) per event, after the
 * user's own, and removes exactly the hook objects {@link #isOurs} recognises, then the groups,
 * events and section they leave empty. A subclass says where the file is, which events, and what
 * one hook object looks like in its runtime ({@link #hookFor}).
 */
public abstract class MatcherGroupHooks implements HookInstaller {

    private static final String SECTION = "hooks";

    /**
     * The hook object registered for one event, in this runtime's format. A new object on each
     * call. Throwing is the integration's fault (see {@link HookInstaller}).
     */
    protected abstract JsonObject hookFor(String event, HookHandler handler);

    /** Whether a hook object is AgentGraph's; by default {@link AgentGraphHook#isOurs}. */
    protected boolean isOurs(JsonObject hook) {
        return AgentGraphHook.isOurs(hook);
    }

    @Override
    public void install(JsonObject settings, HookHandler handler) throws SettingsShapeException {
        uninstall(settings);
        JsonObject hooks = section(settings, true);
        for (String event : events()) {
            JsonElement groups = hooks.get(event);
            JsonObject group = group(hookFor(event, handler));
            if (groups == null) {
                JsonArray made = new JsonArray();
                made.add(group);
                hooks.add(event, made);
            } else {
                groups.getAsJsonArray().add(group);
            }
        }
    }

    @Override
    public void uninstall(JsonObject settings) throws SettingsShapeException {
        JsonObject hooks = section(settings, false);
        if (hooks == null) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonElement>> events = hooks.entrySet().iterator(); events.hasNext(); ) {
            JsonArray groups = events.next().getValue().getAsJsonArray();
            boolean touched = false;
            for (Iterator<JsonElement> gi = groups.iterator(); gi.hasNext(); ) {
                JsonArray list = list(gi.next());
                if (list == null) {
                    continue;
                }
                int before = list.size();
                list.asList().removeIf(h -> h.isJsonObject() && isOurs(h.getAsJsonObject()));
                if (list.size() != before) {
                    touched = true;
                    if (list.isEmpty()) {
                        gi.remove();
                    }
                }
            }
            if (touched && groups.isEmpty()) {
                events.remove();
            }
        }
        if (hooks.isEmpty()) {
            settings.remove(SECTION);
        }
    }

    @Override
    public Map<String, List<JsonObject>> registered(JsonObject settings) throws SettingsShapeException {
        Map<String, List<JsonObject>> found = new LinkedHashMap<>();
        JsonObject hooks = section(settings, false);
        if (hooks == null) {
            return found;
        }
        for (Map.Entry<String, JsonElement> event : hooks.entrySet()) {
            for (JsonElement group : event.getValue().getAsJsonArray()) {
                JsonArray list = list(group);
                if (list == null) {
                    continue;
                }
                for (JsonElement h : list) {
                    if (h.isJsonObject() && isOurs(h.getAsJsonObject())) {
                        found.computeIfAbsent(event.getKey(), k -> new ArrayList<>()).add(h.getAsJsonObject());
                    }
                }
            }
        }
        return found;
    }

    private static JsonArray list(JsonElement group) {
        JsonElement list = group.isJsonObject() ? group.getAsJsonObject().get(SECTION) : null;
        return list != null && list.isJsonArray() ? list.getAsJsonArray() : null;
    }

    private static JsonObject group(JsonObject hook) {
        JsonArray list = new JsonArray();
        list.add(hook);
        JsonObject group = new JsonObject();
        group.add(SECTION, list);
        return group;
    }

    /** The {@code hooks} object, checked: each event must map to an array. */
    private static JsonObject section(JsonObject settings, boolean create) throws SettingsShapeException {
        JsonElement hooks = settings.get(SECTION);
        if (hooks == null || hooks.isJsonNull()) {
            if (!create) {
                return null;
            }
            JsonObject made = new JsonObject();
            settings.add(SECTION, made);
            return made;
        }
        if (!hooks.isJsonObject()) {
            throw new SettingsShapeException("\"hooks\" is not an object");
        }
        for (Map.Entry<String, JsonElement> event : hooks.getAsJsonObject().entrySet()) {
            if (!event.getValue().isJsonArray()) {
                throw new SettingsShapeException("\"hooks\".\"" + event.getKey() + "\" is not an array");
            }
        }
        return hooks.getAsJsonObject();
    }

    /** A command hook object: {@code type}, {@code command}, {@code timeout} (in the runtime's unit). */
    protected static JsonObject commandHook(String command, long timeout) {
        JsonObject h = new JsonObject();
        h.addProperty("type", "command");
        h.addProperty("command", command);
        h.addProperty("timeout", timeout);
        return h;
    }
}
