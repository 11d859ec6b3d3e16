package dev.agentgraph.runtime;

/**
 * AgentGraph could not start for a reason other than its configuration (which is a
 * {@link dev.agentgraph.api.ConfigException}): the port is in use, a component is misdeclared.
 * The message is one line fit to show a user as it is.
 */
public final class StartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean portInUse;

    public StartupException(String message, boolean portInUse, Throwable cause) {
        super(message, cause);
        this.portInUse = portInUse;
    }

    /** Whether the server's port was taken. */
    public boolean portInUse() {
        return portInUse;
    }
}
