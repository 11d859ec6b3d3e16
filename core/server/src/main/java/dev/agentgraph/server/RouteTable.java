package dev.agentgraph.server;

import dev.agentgraph.api.HttpRoute;
import dev.agentgraph.api.Routes;
import dev.agentgraph.api.WebSocketEndpoint;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The routes mounted by the runtime and plugins, matched by exact path (and method). Mounting is
 * thread-safe and may happen before or after the server starts; a path can be mounted once.
 */
final class RouteTable implements Routes {

    /** Paths the server answers itself. */
    static final Set<String> RESERVED = Set.of("/health", StaticFiles.D3_PATH);

    record MountedRoute(long maxBodyBytes, HttpRoute route) {
    }

    private final Map<String, Map<String, MountedRoute>> http = new ConcurrentHashMap<>();
    private final Map<String, WebSocketEndpoint> websockets = new ConcurrentHashMap<>();
    /** Routes for every path under a prefix ending in {@code /}, for paths that carry ids. */
    private final Map<String, Map<String, MountedRoute>> under = new ConcurrentHashMap<>();

    @Override
    public void http(String method, String path, long maxBodyBytes, HttpRoute route) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(route, "route");
        checkPath(path);
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes of " + path + " is negative");
        }
        if (websockets.containsKey(path)) {
            throw new IllegalStateException(path + " is already a WebSocket path");
        }
        String m = method.toUpperCase(Locale.ROOT);
        MountedRoute previous = http.computeIfAbsent(path, p -> new ConcurrentHashMap<>())
                .putIfAbsent(m, new MountedRoute(maxBodyBytes, route));
        if (previous != null) {
            throw new IllegalStateException(m + " " + path + " is already mounted");
        }
    }

    /**
     * Serves {@code method} requests for every path that starts with {@code prefix} (which ends
     * with {@code /}) and has something after it, such as {@code /api/agents/S/A/stop}; an exact
     * route of the same path wins. The route reads the rest of the path itself.
     */
    void httpUnder(String method, String prefix, long maxBodyBytes, HttpRoute route) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(route, "route");
        checkPath(prefix);
        if (!prefix.endsWith("/") || maxBodyBytes < 0) {
            throw new IllegalArgumentException("a prefix must end with / and take a body cap of 0 or more: " + prefix);
        }
        String m = method.toUpperCase(Locale.ROOT);
        if (under.computeIfAbsent(prefix, p -> new ConcurrentHashMap<>()).putIfAbsent(m, new MountedRoute(maxBodyBytes, route))
                != null) {
            throw new IllegalStateException(m + " " + prefix + "* is already mounted");
        }
    }

    @Override
    public void websocket(String path, WebSocketEndpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        checkPath(path);
        if (http.containsKey(path)) {
            throw new IllegalStateException(path + " is already an HTTP route");
        }
        if (websockets.putIfAbsent(path, endpoint) != null) {
            throw new IllegalStateException("WebSocket " + path + " is already mounted");
        }
    }

    /** The routes of a path by method, or null when nothing is mounted there. */
    Map<String, MountedRoute> http(String path) {
        Map<String, MountedRoute> exact = http.get(path);
        if (exact != null || under.isEmpty()) {
            return exact;
        }
        // A handful of prefixes: a linear look is cheaper than any index.
        for (Map.Entry<String, Map<String, MountedRoute>> e : under.entrySet()) {
            if (path.length() > e.getKey().length() && path.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    WebSocketEndpoint websocket(String path) {
        return websockets.get(path);
    }

    private static void checkPath(String path) {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/") || path.contains("?") || path.contains("#")) {
            throw new IllegalArgumentException("a route path must start with / and hold no query: " + path);
        }
        if (RESERVED.contains(path)) {
            throw new IllegalArgumentException(path + " is served by the server itself");
        }
    }
}
