package dev.agentgraph.api;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * What every runtime's hook entries share: the sh hook's name and variables, the headers an http
 * hook sends, the ingest path, and how an entry is known as AgentGraph's (so that a reinstall
 * replaces it and uninstall finds it, whatever its URL or path).
 */
public final class AgentGraphHook {

    /** The sh hook that appends a payload to the event file (the distribution's {@code hooks/}). */
    public static final String SCRIPT_NAME = "agentgraph-hook.sh";
    /** The sh hook's variable naming the event file. */
    public static final String EVENTS_ENV = "AGENTGRAPH_EVENTS";
    /** The sh hook's variable naming the runtime that runs it: written as {@link HookLine#RUNTIME}. */
    public static final String RUNTIME_ENV = "AGENTGRAPH_RUNTIME";
    /**
     * The sh hook's variable that makes it the synchronous {@code PreToolUse} hook of
     * {@code --control}: set to {@code 1}, it prints the deny answer of a marker file the server
     * wrote for the calling agent or session ({@code docs/control.md}).
     */
    public static final String CONTROL_ENV = "AGENTGRAPH_CONTROL";
    /** Marks an http hook (or a curl command) as AgentGraph's, whatever its URL. */
    public static final String MARK_HEADER = "X-AgentGraph-Hook";
    /** The machine the events come from, read by http-ingest. */
    public static final String HOST_HEADER = "X-AgentGraph-Host";
    /** Where a runtime's payloads are posted: this, then the integration's name. */
    public static final String INGEST_PREFIX = "/ingest/";

    private AgentGraphHook() {
    }

    /** {@code /ingest/<runtime>}. */
    public static String ingestPath(String runtime) {
        return INGEST_PREFIX + runtime;
    }

    /**
     * Whether a hook object is AgentGraph's: a command running {@link #SCRIPT_NAME} or carrying
     * {@link #MARK_HEADER}, or an http hook sending that header.
     */
    public static boolean isOurs(JsonElement e) {
        if (e == null || !e.isJsonObject()) {
            return false;
        }
        JsonObject h = e.getAsJsonObject();
        String command = string(h, "command");
        if (command != null) {
            return command.contains(SCRIPT_NAME) || command.contains(MARK_HEADER);
        }
        JsonElement headers = h.get("headers");
        return headers != null && headers.isJsonObject()
                && headers.getAsJsonObject().keySet().stream().anyMatch(MARK_HEADER::equalsIgnoreCase);
    }

    /** A string member, or null when absent or not a string. */
    public static String string(JsonObject o, String member) {
        JsonElement e = o.get(member);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : null;
    }

    /** Single-quotes a word for a POSIX shell. */
    public static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
