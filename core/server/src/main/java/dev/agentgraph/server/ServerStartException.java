package dev.agentgraph.server;

/** The server could not start; the message is one line fit to show a user as it is. */
public final class ServerStartException extends Exception {

    private static final long serialVersionUID = 1L;

    public ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
