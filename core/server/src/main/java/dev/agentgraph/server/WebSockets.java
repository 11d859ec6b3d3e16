package dev.agentgraph.server;

import dev.agentgraph.api.WebSocketEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * Upgrades requests on mounted WebSocket paths, within a fixed number of open connections: a slot
 * is taken before Jetty allocates anything for the connection, and an upgrade with no free slot is
 * answered 503.
 */
final class WebSockets {

    /** Longer than two of the 30-second pings the stream sends, so a live client never times out. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(150);

    private final int maxOpen;
    private final ServerCounters counters;
    private final AtomicInteger open;
    private final AtomicLong ids = new AtomicLong();

    WebSockets(int maxOpen, ServerCounters counters) {
        this.maxOpen = maxOpen;
        this.counters = counters;
        this.open = counters.openWebSockets();
    }

    static void configure(ServerWebSocketContainer container, int maxMessageBytes) {
        container.setIdleTimeout(IDLE_TIMEOUT);
        container.setMaxTextMessageSize(maxMessageBytes);
        container.setMaxBinaryMessageSize(maxMessageBytes);
    }

    boolean upgrade(ServerWebSocketContainer container, WebSocketEndpoint endpoint,
            Request request, Response response, Callback callback) {
        if (!takeSlot()) {
            counters.refused(ServerCounters.REFUSED_WEBSOCKET_LIMIT, "refused WebSocket " + Request.getPathInContext(request)
                    + " from " + Request.getRemoteAddr(request) + ": " + maxOpen + " connections already open (503)");
            Replies.text(response, callback, 503, "too many WebSocket connections\n");
            return true;
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                open.decrementAndGet();
            }
        };
        AtomicReference<WebSocketAdapter> created = new AtomicReference<>();
        boolean upgraded;
        try {
            upgraded = container.upgrade((upgradeRequest, upgradeResponse, cb) -> {
                // No permessage-deflate: it costs a deflater per connection and buys nothing on loopback.
                upgradeResponse.setExtensions(List.of());
                WebSocketAdapter adapter = new WebSocketAdapter("ws-" + ids.incrementAndGet(), endpoint,
                        JettyHttpRequest.queryOf(upgradeRequest), remote(upgradeRequest), release, counters);
                created.set(adapter);
                return adapter;
            }, request, response, new Callback.Nested(callback) {
                @Override
                public void failed(Throwable x) {
                    WebSocketAdapter adapter = created.get();
                    if (adapter != null) {
                        adapter.abandonIfNeverOpened();
                    }
                    super.failed(x);
                }
            });
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
        if (created.get() != null) {
            counters.increment(ServerCounters.WEBSOCKETS_ACCEPTED);
        } else {
            release.run();
        }
        if (!upgraded) {
            Replies.text(response, callback, 400, "this path only accepts WebSocket upgrades\n");
        }
        return true;
    }

    private boolean takeSlot() {
        while (true) {
            int n = open.get();
            if (n >= maxOpen) {
                return false;
            }
            if (open.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    private static String remote(Request request) {
        return Request.getRemoteAddr(request) + ":" + Request.getRemotePort(request);
    }
}
