package dev.agentgraph.runtime.cli;

/** The exit codes of {@code agentgraph}, documented in {@code docs/configuration.md}. */
public final class ExitCodes {

    /** Ran and stopped normally (including on SIGTERM or Ctrl-C). */
    public static final int OK = 0;
    /** Failed while starting or running. */
    public static final int FAILURE = 1;
    /** Bad command line or bad configuration (the message names the flag or key). */
    public static final int USAGE = 2;
    /** The server's port is in use. */
    public static final int PORT_IN_USE = 3;

    private ExitCodes() {
    }
}
