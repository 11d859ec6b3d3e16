package dev.agentgraph.installer;

import dev.agentgraph.api.AgentGraphHook;
import dev.agentgraph.api.HookHandler;

/** The commands AgentGraph's hooks run, whichever runtime runs them. */
final class HookHandlers {

    private HookHandlers() {
    }

    /** The sh hook, told the event file and the runtime. */
    static HookHandler file(String runtime, String hookScript, String eventsFile) {
        String command = AgentGraphHook.EVENTS_ENV + "=" + AgentGraphHook.shellQuote(eventsFile) + " "
                + AgentGraphHook.RUNTIME_ENV + "=" + runtime + " sh " + AgentGraphHook.shellQuote(hookScript);
        return new HookHandler(HookHandler.Mode.FILE, command, null, null, null);
    }

    /** Posting to {@code url}: a curl command for command hooks, and the facts for an http hook. */
    static HookHandler http(String url, String tokenEnv, String hostName) {
        return new HookHandler(HookHandler.Mode.HTTP, curlCommand(url, tokenEnv, hostName), url, tokenEnv, hostName);
    }

    /**
     * A POSIX command that posts the payload on stdin like an http hook would: bounded (5 s),
     * silent, exit 0 whatever happens, and nothing at all when curl is missing.
     */
    static String curlCommand(String url, String tokenEnv, String hostName) {
        return "curl -s -m 5 -o /dev/null -H 'Content-Type: application/json' -H "
                + AgentGraphHook.shellQuote(AgentGraphHook.MARK_HEADER + ": 1")
                + " -H " + AgentGraphHook.shellQuote(AgentGraphHook.HOST_HEADER + ": " + hostName)
                + (tokenEnv == null ? "" : " -H \"Authorization: Bearer ${" + tokenEnv + "}\"")
                + " --data-binary @- " + AgentGraphHook.shellQuote(url) + " >/dev/null 2>&1; exit 0";
    }
}
