package dev.agentgraph.installer;

import dev.agentgraph.api.AgentGraphHook;
import dev.agentgraph.api.HookHandler;

/** The commands AgentGraph's hooks run, whichever runtime runs them. */
final class HookHandlers {

    /** What a deciding curl says on stderr, for the runtime's log, when the server cannot answer. */
    static final String UNREACHABLE = "agentgraph: the server did not answer; the tool call runs (control fails open)";

    private HookHandlers() {
    }

    /** The sh hook, told the event file and the runtime; with {@code control}, PreToolUse's decides too. */
    static HookHandler file(String runtime, String hookScript, String eventsFile, boolean control) {
        String command = AgentGraphHook.EVENTS_ENV + "=" + AgentGraphHook.shellQuote(eventsFile) + " "
                + AgentGraphHook.RUNTIME_ENV + "=" + runtime + " sh " + AgentGraphHook.shellQuote(hookScript);
        return new HookHandler(HookHandler.Mode.FILE, command, null, null, null,
                control ? AgentGraphHook.CONTROL_ENV + "=1 " + command : null);
    }

    /**
     * Posting to {@code url}: a curl command for command hooks, and the facts for an http hook;
     * with {@code control}, PreToolUse's curl prints the server's answer (the deny decision, or
     * nothing) for the runtime to read.
     */
    static HookHandler http(String url, String tokenEnv, String hostName, boolean control) {
        return new HookHandler(HookHandler.Mode.HTTP, curlCommand(url, tokenEnv, hostName, false), url, tokenEnv, hostName,
                control ? curlCommand(url, tokenEnv, hostName, true) : null);
    }

    /**
     * A POSIX command that posts the payload on stdin like an http hook would: bounded (5 s),
     * silent (but for the answer, when it prints it), exit 0 whatever happens, and nothing at all
     * when curl is missing or the server cannot be reached (the call runs: it fails open).
     */
    static String curlCommand(String url, String tokenEnv, String hostName, boolean printAnswer) {
        return "curl -s -m 5 " + (printAnswer ? "" : "-o /dev/null ") + "-H 'Content-Type: application/json' -H "
                + AgentGraphHook.shellQuote(AgentGraphHook.MARK_HEADER + ": 1")
                + " -H " + AgentGraphHook.shellQuote(AgentGraphHook.HOST_HEADER + ": " + hostName)
                + (tokenEnv == null ? "" : " -H \"Authorization: Bearer ${" + tokenEnv + "}\"")
                + " --data-binary @- " + AgentGraphHook.shellQuote(url)
                + (printAnswer ? " 2>/dev/null || echo " + AgentGraphHook.shellQuote(UNREACHABLE) + " >&2" : " >/dev/null 2>&1")
                + "; exit 0";
    }
}
