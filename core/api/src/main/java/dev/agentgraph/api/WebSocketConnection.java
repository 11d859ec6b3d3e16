package dev.agentgraph.api;

import java.util.Optional;

/** One open WebSocket connection. */
public interface WebSocketConnection {

    /** Unique while the server runs; for logs and maps. */
    String id();

    /**
     * Queues a text frame and returns at once; {@code done} is called once it was written, or
     * failed. Frames are written in the order sent. The caller bounds how many are outstanding:
     * a client that does not read keeps them pending forever.
     */
    void send(String text, SendCallback done);

    /** Closes with a status code (1000 normal, 1008 policy, 1013 try again later) and reason. */
    void close(int statusCode, String reason);

    boolean isOpen();

    /** The first value of a query parameter of the upgrade request. */
    Optional<String> query(String name);

    /** The remote address, for logs. */
    String remoteAddress();

    /** Told once a frame was written ({@code failure} null) or could not be. */
    @FunctionalInterface
    interface SendCallback {
        void done(Throwable failure);
    }
}
