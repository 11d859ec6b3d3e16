package dev.agentgraph.api;

/**
 * Mounts routes on AgentGraph's server. Before any route runs, the host refuses a foreign
 * {@code Host} header, a foreign {@code Origin} and a missing or wrong token where one is
 * required, and adds the security headers; a route sees only requests that passed.
 */
public interface Routes {

    /**
     * Each byte of a request body counts this many bytes of heap while the body is read and its
     * route works on it (the bytes, their text, a parsed tree, what the route makes of it). The
     * bodies in flight together stay within half the heap: past it a body is answered 503.
     */
    int BODY_WORKING_FACTOR = 16;

    /**
     * The longest body the server takes even alone: half the heap over
     * {@link #BODY_WORKING_FACTOR} (2 MiB with the launcher's 64 MiB heap); a longer one is
     * answered 413, whatever the route's own cap. A route that inflates a compressed body caps
     * what it inflates at this too.
     */
    static long largestBody() {
        return Runtime.getRuntime().maxMemory() / 2 / BODY_WORKING_FACTOR;
    }

    /**
     * Serves {@code method} requests for an exact {@code path} such as {@code /ingest/claude-code}.
     * A body larger than {@code maxBodyBytes} (or than {@link #largestBody()}) is answered 413
     * before the route is called.
     */
    void http(String method, String path, long maxBodyBytes, HttpRoute route);

    /** Accepts WebSocket upgrades on an exact {@code path} such as {@code /stream}. */
    void websocket(String path, WebSocketEndpoint endpoint);
}
