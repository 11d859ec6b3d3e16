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
 * @param controlCommand with {@code --control}, the command of the synchronous {@code PreToolUse}
 *     hook that prints the user's deny decision ({@code docs/control.md}): the sh hook with
 *     {@link AgentGraphHook#CONTROL_ENV}{@code =1} (file mode), or curl printing the server's
 *     answer (http mode, for runtimes without http hooks); null without {@code --control}. Such a
 *     hook must not run in the background: the runtime waits for its answer.
 */
public record HookHandler(Mode mode, String command, String url, String tokenEnv, String hostName, String controlCommand) {

    /** Without control. */
    public HookHandler(Mode mode, String command, String url, String tokenEnv, String hostName) {
        this(mode, command, url, tokenEnv, hostName, null);
    }

    /** The event whose synchronous hook carries the decision. */
    public static final String CONTROL_EVENT = "PreToolUse";

    /** The command to run for {@code event}: {@link #controlCommand} for a controlled {@code PreToolUse}, else {@link #command}. */
    public String commandFor(String event) {
        return controlCommand != null && CONTROL_EVENT.equals(event) ? controlCommand : command;
    }

    /** Whether {@code event}'s hook decides (and so must run in the foreground). */
    public boolean decides(String event) {
        return controlCommand != null && CONTROL_EVENT.equals(event);
    }

    /** How the runtime hands events over. */
    public enum Mode {
        /** The sh hook appends each payload to the event file. */
        FILE,
        /** Each payload is posted to a running server. */
        HTTP
    }
}
