package dev.agentgraph.runtime.components;

import dev.agentgraph.api.HttpRoute;
import dev.agentgraph.api.Routes;
import dev.agentgraph.api.WebSocketEndpoint;

/** The server's routes, noting what each component mounts so {@code /api/plugins} can show it. */
final class RecordingRoutes implements Routes {

    private final Routes server;
    private final ComponentRecord record;

    RecordingRoutes(Routes server, ComponentRecord record) {
        this.server = server;
        this.record = record;
    }

    @Override
    public void http(String method, String path, long maxBodyBytes, HttpRoute route) {
        server.http(method, path, maxBodyBytes, route);
        record.mounted(method + " " + path);
    }

    @Override
    public void websocket(String path, WebSocketEndpoint endpoint) {
        server.websocket(path, endpoint);
        record.mounted("WS " + path);
    }
}
