package dev.agentgraph.installer;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AgentGraph's entries in the {@code hooks} section of a runtime's settings file, and how they
 * are merged in and taken out without touching anything else. An entry is ours when it is a
 * command hook running {@code agentgraph-hook.sh} or carrying the {@code X-AgentGraph-Hook}
 * mark, or an http hook with that header (or, written before the mark existed, posting to
 * {@code /ingest/claude-code}); that is how a reinstall replaces them, whatever their URL, and
 * uninstall finds them.
 */
final class HookEntries {

    static final String SCRIPT_NAME = "agentgraph-hook.sh";
    static final String INGEST_PATH = "/ingest/claude-code";
    /** Marks an entry as AgentGraph's, whatever its URL. */
    static final String MARK_HEADER = "X-AgentGraph-Hook";
    /** The machine the events come from, read by http-ingest. */
    static final String HOST_HEADER = "X-AgentGraph-Host";

    private final HookTarget target;
    private final JsonObject hook;
    /** For the events that take no http hook, in http mode; null in file mode. */
    private final JsonObject noHttpFallback;

    private HookEntries(HookTarget target, JsonObject hook, JsonObject noHttpFallback) {
        this.target = target;
        this.hook = hook;
        this.noHttpFallback = noHttpFallback;
    }

    /**
     * Command hooks running the sh hook. They run with {@code async: true}, off the agent's
     * path, except at the last event ({@code SessionEnd}), where Claude Code is exiting and an
     * async hook could be lost: there the hook (a few milliseconds) runs before it exits.
     */
    static HookEntries command(HookTarget target, String hookScript, String eventsFile) {
        String command = (eventsFile == null ? "" : "AGENTGRAPH_EVENTS=" + shellQuote(eventsFile) + " ")
                + "sh " + shellQuote(hookScript);
        return new HookEntries(target, commandHook(command), null);
    }

    /**
     * HTTP hooks posting each payload to a running AgentGraph, marked as ours and naming this
     * machine. With {@code tokenEnv}, each post carries {@code Authorization: Bearer $tokenEnv},
     * which Claude Code fills in from its own environment, so the token itself is never written
     * into the settings file. The events that take no http hook ({@code SessionStart}) get a
     * command hook that posts the same way with curl, so that the session's start (its model,
     * its folder) reaches a server on another machine too, where the event file would not.
     */
    static HookEntries http(HookTarget target, String url, String tokenEnv, String hostName) {
        JsonObject h = new JsonObject();
        h.addProperty("type", "http");
        h.addProperty("url", url);
        h.addProperty("timeout", 5);
        JsonObject headers = new JsonObject();
        headers.addProperty(MARK_HEADER, "1");
        headers.addProperty(HOST_HEADER, hostName);
        h.add("headers", headers);
        if (tokenEnv != null) {
            headers.addProperty("Authorization", "Bearer $" + tokenEnv);
            JsonArray allowed = new JsonArray();
            allowed.add(tokenEnv);
            h.add("allowedEnvVars", allowed);
        }
        return new HookEntries(target, h, commandHook(curlCommand(url, tokenEnv, hostName)));
    }

    /**
     * A POSIX command that posts the payload on stdin like an http hook would: bounded (5 s),
     * silent, exit 0 whatever happens, and nothing at all when curl is missing.
     */
    static String curlCommand(String url, String tokenEnv, String hostName) {
        return "curl -s -m 5 -o /dev/null -H 'Content-Type: application/json' -H " + shellQuote(MARK_HEADER + ": 1")
                + " -H " + shellQuote(HOST_HEADER + ": " + hostName)
                + (tokenEnv == null ? "" : " -H \"Authorization: Bearer ${" + tokenEnv + "}\"")
                + " --data-binary @- " + shellQuote(url) + " >/dev/null 2>&1; exit 0";
    }

    private static JsonObject commandHook(String command) {
        JsonObject h = new JsonObject();
        h.addProperty("type", "command");
        h.addProperty("command", command);
        h.addProperty("timeout", 10);
        return h;
    }

    /** The events that get a command hook in place of an http one (empty in file mode). */
    List<String> commandInsteadOfHttp() {
        return noHttpFallback == null ? List.of() : target.events().stream().filter(e -> !target.acceptsHttp(e)).toList();
    }

    List<String> events() {
        return target.events();
    }

    /** The hook object registered for one event. */
    JsonObject hookFor(String event) {
        JsonObject h = (noHttpFallback != null && !target.acceptsHttp(event) ? noHttpFallback : hook).deepCopy();
        if ("command".equals(h.get("type").getAsString())) {
            h.addProperty("async", !target.lastEvent().equals(event));
        }
        return h;
    }

    /** The {@code hooks} section these entries amount to on their own, for {@code hooks print}. */
    JsonObject section() {
        JsonObject section = new JsonObject();
        for (String event : target.events()) {
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
        for (String event : target.events()) {
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

    /** AgentGraph's hooks in a settings file, by event, in file order; empty when there are none. */
    static Map<String, List<JsonObject>> ours(JsonObject settings) throws SettingsException {
        Map<String, List<JsonObject>> found = new LinkedHashMap<>();
        JsonObject hooks = section(settings, false);
        if (hooks == null) {
            return found;
        }
        for (Map.Entry<String, JsonElement> event : hooks.entrySet()) {
            for (JsonElement group : event.getValue().getAsJsonArray()) {
                JsonElement list = group.isJsonObject() ? group.getAsJsonObject().get("hooks") : null;
                if (list != null && list.isJsonArray()) {
                    for (JsonElement h : list.getAsJsonArray()) {
                        if (isOurs(h)) {
                            found.computeIfAbsent(event.getKey(), k -> new ArrayList<>()).add(h.getAsJsonObject());
                        }
                    }
                }
            }
        }
        return found;
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
        if (command != null) {
            return command.contains(SCRIPT_NAME) || command.contains(MARK_HEADER);
        }
        JsonElement headers = h.get("headers");
        if (headers != null && headers.isJsonObject()
                && headers.getAsJsonObject().keySet().stream().anyMatch(MARK_HEADER::equalsIgnoreCase)) {
            return true;
        }
        String url = string(h, "url");
        return url != null && withoutQuery(url).endsWith(INGEST_PATH);
    }

    private static String withoutQuery(String url) {
        int cut = url.length();
        for (char c : new char[] {'?', '#'}) {
            int i = url.indexOf(c);
            if (i >= 0) {
                cut = Math.min(cut, i);
            }
        }
        return url.substring(0, cut);
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

    static String string(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    /** Single-quotes a word for the shell Claude Code runs commands with. */
    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
