package dev.agentgraph.server;

import dev.agentgraph.api.WebSocketConnection;
import dev.agentgraph.api.WebSocketEndpoint;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Jetty WebSocket session seen as a {@link WebSocketConnection}, relaying Jetty's events to
 * the mounted {@link WebSocketEndpoint}. It holds one of the server's connection slots and gives it
 * back exactly once, when the connection closes.
 *
 * <p>Public only because Jetty invokes the listener methods through method handles; it is not
 * meant for use outside this package and cannot be constructed there.
 */
public final class WebSocketAdapter implements Session.Listener.AutoDemanding, WebSocketConnection {

    /** How long a closing client has to complete the close handshake before it is cut off. */
    static final long CLOSE_GRACE_MILLIS = 2_000;

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketAdapter.class);

    private final String id;
    private final WebSocketEndpoint endpoint;
    private final Fields query;
    private final String remoteAddress;
    private final Runnable releaseSlot;
    private final ServerCounters counters;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Session session;

    WebSocketAdapter(String id, WebSocketEndpoint endpoint, Fields query, String remoteAddress,
            Runnable releaseSlot, ServerCounters counters) {
        this.id = id;
        this.endpoint = endpoint;
        this.query = query;
        this.remoteAddress = remoteAddress;
        this.releaseSlot = releaseSlot;
        this.counters = counters;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        session = s;
        try {
            endpoint.onOpen(this);
        } catch (RuntimeException | Error e) {
            counters.increment(ServerCounters.WEBSOCKET_ERRORS);
            counters.warnThrottled("ws-open", "WebSocket endpoint failed to open " + id + ": " + e, e);
            s.close(1011, "server error", Callback.NOOP);
        }
    }

    @Override
    public void onWebSocketText(String text) {
        try {
            endpoint.onText(this, text);
        } catch (RuntimeException | Error e) {
            counters.increment(ServerCounters.WEBSOCKET_ERRORS);
            counters.warnThrottled("ws-text", "WebSocket endpoint failed on a message of " + id + ": " + e, e);
        }
    }

    /**
     * Binary messages mean nothing to the stream and are dropped, but declaring this method is what
     * makes Jetty assemble them, within {@code maxBinaryMessageSize}: without it a client could send
     * binary frames of any size, never closed with 1009.
     */
    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        // The close that follows tells the endpoint; a client that vanished is not news.
        LOG.debug("WebSocket {} error: {}", id, cause.toString());
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        try {
            closed(statusCode, reason);
        } finally {
            callback.succeed();
        }
    }

    private void closed(int statusCode, String reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        releaseSlot.run();
        try {
            endpoint.onClose(this, statusCode, reason);
        } catch (RuntimeException | Error e) {
            counters.increment(ServerCounters.WEBSOCKET_ERRORS);
            counters.warnThrottled("ws-close", "WebSocket endpoint failed to close " + id + ": " + e, e);
        }
    }

    /** Gives the slot back when the upgrade failed before the connection opened. */
    void abandonIfNeverOpened() {
        if (session == null && closed.compareAndSet(false, true)) {
            releaseSlot.run();
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void send(String text, SendCallback done) {
        Session s = session;
        if (s == null || !s.isOpen()) {
            notify(done, new IllegalStateException("WebSocket " + id + " is not open"));
            return;
        }
        s.sendText(text, Callback.from(() -> notify(done, null), failure -> notify(done, failure)));
    }

    private void notify(SendCallback done, Throwable failure) {
        if (done == null) {
            return;
        }
        try {
            done.done(failure);
        } catch (RuntimeException | Error e) {
            counters.increment(ServerCounters.WEBSOCKET_ERRORS);
            counters.warnThrottled("ws-send", "WebSocket send callback failed for " + id + ": " + e, e);
        }
    }

    @Override
    public void close(int statusCode, String reason) {
        Session s = session;
        if (s != null) {
            s.close(statusCode, reason, Callback.NOOP);
            // A client that stopped reading never completes the close handshake; without this its
            // connection slot would stay taken until the idle timeout.
            CompletableFuture.delayedExecutor(CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS).execute(() -> {
                if (!closed.get()) {
                    s.disconnect();
                }
            });
        }
    }

    @Override
    public boolean isOpen() {
        Session s = session;
        return s != null && s.isOpen() && !closed.get();
    }

    @Override
    public Optional<String> query(String name) {
        return Optional.ofNullable(query.getValue(name));
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String toString() {
        return "WebSocket " + id + " from " + remoteAddress;
    }
}
