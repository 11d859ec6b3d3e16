package dev.agentgraph.server;

import dev.agentgraph.api.WebSocketEndpoint;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * Answers a request that passed the {@link RequestGuard}: {@code /health}, a mounted WebSocket or
 * HTTP route, D3, or a static file, in that order; anything else is 404 (or 405 for a known path
 * with another method). It always answers, so no response escapes the guard's headers.
 */
final class AppHandler extends Handler.Abstract {

    private final RouteTable routes;
    private final RouteRunner runner;
    private final WebSockets websockets;
    private final StaticFiles files;
    private volatile ServerWebSocketContainer container;

    AppHandler(RouteTable routes, RouteRunner runner, WebSockets websockets, StaticFiles files) {
        this.routes = routes;
        this.runner = runner;
        this.websockets = websockets;
        this.files = files;
    }

    void container(ServerWebSocketContainer c) {
        this.container = c;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        boolean read = HttpMethod.GET.is(method) || HttpMethod.HEAD.is(method);

        if ("/health".equals(path)) {
            if (read) {
                Replies.text(response, callback, 200, "ok");
            } else {
                notAllowed(response, callback, "GET, HEAD");
            }
            return true;
        }
        WebSocketEndpoint endpoint = routes.websocket(path);
        if (endpoint != null) {
            return websockets.upgrade(container, endpoint, request, response, callback);
        }
        Map<String, RouteTable.MountedRoute> byMethod = routes.http(path);
        if (byMethod != null && !byMethod.isEmpty()) {
            RouteTable.MountedRoute mounted = byMethod.get(method);
            if (mounted == null) {
                notAllowed(response, callback, String.join(", ", new TreeSet<>(byMethod.keySet())));
            } else {
                runner.run(mounted, request, response, callback);
            }
            return true;
        }
        Optional<StaticFiles.Asset> asset = read ? files.find(path) : Optional.empty();
        if (asset.isPresent()) {
            Replies.bytes(response, callback, 200, asset.get().contentType(), asset.get().bytes());
        } else {
            Replies.text(response, callback, 404, "not found\n");
        }
        return true;
    }

    private static void notAllowed(Response response, Callback callback, String allow) {
        response.getHeaders().put(HttpHeader.ALLOW, allow);
        Replies.text(response, callback, 405, "method not allowed\n");
    }
}
