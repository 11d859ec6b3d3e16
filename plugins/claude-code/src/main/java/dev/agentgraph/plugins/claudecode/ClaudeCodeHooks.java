package dev.agentgraph.plugins.claudecode;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.agentgraph.api.AgentGraphHook;
import dev.agentgraph.api.HookHandler;
import dev.agentgraph.api.MatcherGroupHooks;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Claude Code's hook settings (see {@code RUNTIMES.md}): {@code ~/.claude/settings.json},
 * {@code .claude/settings.local.json} (personal) and {@code .claude/settings.json} (shared);
 * command hooks with {@code async} (timeouts in seconds) and http hooks.
 */
final class ClaudeCodeHooks extends MatcherGroupHooks {

    /**
     * The hook events AgentGraph listens to: those the decoder gives a meaning of its own (a
     * session's model and folder, tools, sub-agents, teammates and their tasks, waiting for
     * permission, compacting, a failed turn), in the order of a session's life. The other events
     * would only be activity; each registered hook costs a process (file mode) or a request.
     */
    private static final List<String> EVENTS = List.of("SessionStart", "UserPromptSubmit", "PreToolUse",
            "PermissionRequest", "PermissionDenied", "PostToolUse", "PostToolUseFailure", "SubagentStart", "SubagentStop",
            "TaskCreated", "TaskCompleted", "TeammateIdle", "Notification", "Elicitation", "ElicitationResult",
            "PreCompact", "PostCompact", "PostModelSwitch", "CwdChanged", "Stop", "StopFailure", "SessionEnd");

    /** Claude Code runs only command (and mcp_tool) hooks for these. */
    private static final Set<String> NO_HTTP = Set.of("SessionStart", "Setup");

    /** The event after which Claude Code exits: its command hook must not run in the background. */
    private static final String LAST = "SessionEnd";

    /** Where http hooks posted before they carried {@link AgentGraphHook#MARK_HEADER}. */
    private static final String OLD_INGEST_PATH = AgentGraphHook.ingestPath(CanonicalEvents.RUNTIME);

    @Override
    public Path settingsFile(Scope scope, Path userHome, Path project) {
        return switch (scope) {
            case USER -> userHome.resolve(".claude").resolve("settings.json");
            case PROJECT -> project.resolve(".claude").resolve("settings.local.json");
            case PROJECT_SHARED -> project.resolve(".claude").resolve("settings.json");
        };
    }

    @Override
    public List<String> events() {
        return EVENTS;
    }

    @Override
    public boolean acceptsHttp() {
        return true;
    }

    /**
     * Command hooks run with {@code async: true}, off the agent's path, except at
     * {@code SessionEnd}, where Claude Code is exiting and an async hook could be lost, and at a
     * {@code PreToolUse} that decides ({@code --control}), whose answer Claude Code waits for. In http
     * mode (always synchronous: the server's answer carries the decision), an http hook marked as ours and naming this machine, with the token (when given)
     * taken by Claude Code from its environment, never written here; the events that take no
     * http hook get the command that posts with curl.
     */
    @Override
    protected JsonObject hookFor(String event, HookHandler handler) {
        if (handler.mode() == HookHandler.Mode.HTTP && !NO_HTTP.contains(event)) {
            JsonObject h = new JsonObject();
            h.addProperty("type", "http");
            h.addProperty("url", handler.url());
            h.addProperty("timeout", 5);
            JsonObject headers = new JsonObject();
            headers.addProperty(AgentGraphHook.MARK_HEADER, "1");
            headers.addProperty(AgentGraphHook.HOST_HEADER, handler.hostName());
            h.add("headers", headers);
            if (handler.tokenEnv() != null) {
                headers.addProperty("Authorization", "Bearer $" + handler.tokenEnv());
                JsonArray allowed = new JsonArray();
                allowed.add(handler.tokenEnv());
                h.add("allowedEnvVars", allowed);
            }
            return h;
        }
        JsonObject h = commandHook(handler.commandFor(event), 10);
        h.addProperty("async", !LAST.equals(event) && !handler.decides(event));
        return h;
    }

    /** Ours, and the http hooks written before the mark existed, by their URL. */
    @Override
    protected boolean isOurs(JsonObject hook) {
        if (AgentGraphHook.isOurs(hook)) {
            return true;
        }
        String url = AgentGraphHook.string(hook, "url");
        return url != null && hook.get("command") == null && withoutQuery(url).endsWith(OLD_INGEST_PATH);
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

    @Override
    public String restartHint() {
        return "Restart Claude Code (quit every running session and start it again): it reads its hooks at startup.";
    }
}
