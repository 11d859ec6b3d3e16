package dev.agentgraph.api;

/**
 * What each hook that AgentGraph registers does, as {@code agentgraph hooks install} decided from
 * its options: the integration puts it into the runtime's own hook format.
 *
 * @param command the shell command a command hook runs, always set: in file mode the sh hook
 *     (with {@link AgentGraphHook#EVENTS_ENV} and {@link AgentGraphHook#RUNTIME_ENV} set), in
 *     http mode a curl command posting stdin to {@code url}
 * @param url in http mode the {@code /ingest/<name>} address, else null
 * @param tokenEnv in http mode the variable holding the server's token, or null
 * @param hostName in http mode this machine's name (sent as {@link AgentGraphHook#HOST_HEADER})
 */
public record HookHandler(Mode mode, String command, String url, String tokenEnv, String hostName) {

    /** How the runtime hands events over. */
    public enum Mode {
        /** The sh hook appends each payload to the event file. */
        FILE,
        /** Each payload is posted to a running server. */
        HTTP
    }
}
