package dev.agentgraph.api;

/**
 * Mounts routes on AgentGraph's server. Before any route runs, the host refuses a foreign
 * {@code Host} header, a foreign {@code Origin} and a missing or wrong token where one is
 * required, and adds the security headers; a route sees only requests that passed.
 */
public interface Routes {

    /**
     * Serves {@code method} requests for an exact {@code path} such as {@code /ingest/claude-code}.
     * A body larger than {@code maxBodyBytes} is answered 413 before the route is called.
     */
    void http(String method, String path, long maxBodyBytes, HttpRoute route);

    /** Accepts WebSocket upgrades on an exact {@code path} such as {@code /stream}. */
    void websocket(String path, WebSocketEndpoint endpoint);
}
