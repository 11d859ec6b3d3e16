package dev.agentgraph.api;

/** A line that is not one event: not strict JSON, not an object, or nested too deeply. */
public final class EventFormatException extends Exception {

    public EventFormatException(String message) {
        super(message);
    }

    public EventFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
