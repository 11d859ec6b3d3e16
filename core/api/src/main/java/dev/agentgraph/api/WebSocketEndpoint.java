package dev.agentgraph.api;

/**
 * Handles the WebSocket connections of one path. Methods are called on server threads, possibly
 * at once for different connections.
 */
public interface WebSocketEndpoint {

    /** A connection is open and may be sent to. An exception is counted, logged and closes it (1011). */
    void onOpen(WebSocketConnection connection);

    /**
     * A text message from the client. Messages over the server's cap close the connection (1009).
     * An exception is counted and logged; the connection stays open.
     */
    default void onText(WebSocketConnection connection, String text) {
    }

    /** The connection closed, for whatever reason; called once. An exception is counted and logged. */
    default void onClose(WebSocketConnection connection, int statusCode, String reason) {
    }
}
