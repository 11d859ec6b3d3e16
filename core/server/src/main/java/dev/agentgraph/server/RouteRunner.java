package dev.agentgraph.server;

import dev.agentgraph.api.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Runs one mounted HTTP route: reads the body within the route's cap (a declared length over it,
 * or more bytes than it in a chunked body, is answered 413 before the route is called), calls the
 * route, and writes its answer. A route that throws gets 500; the server carries on.
 */
final class RouteRunner {

    private final ServerCounters counters;

    RouteRunner(ServerCounters counters) {
        this.counters = counters;
    }

    void run(RouteTable.MountedRoute mounted, Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        long declared = request.getLength();
        byte[] body;
        try {
            body = declared > mounted.maxBodyBytes() ? null : readBounded(request, mounted.maxBodyBytes());
        } catch (IOException e) {
            // The client went away or sent a broken body: nothing to hand to the route.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            Replies.text(response, callback, 400, "could not read the request body\n");
            return;
        }
        if (body == null) {
            counters.refused(ServerCounters.REFUSED_BODY_TOO_LARGE, "refused " + request.getMethod() + " " + path
                    + " from " + Request.getRemoteAddr(request) + ": body over " + mounted.maxBodyBytes() + " bytes (413)");
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            Replies.text(response, callback, 413, "request body too large\n");
            return;
        }
        HttpResponse answer;
        try {
            answer = mounted.route().handle(new JettyHttpRequest(request, body));
            if (answer == null) {
                throw new IllegalStateException("the route returned no response");
            }
        } catch (Exception e) {
            counters.increment(ServerCounters.ROUTE_ERRORS);
            counters.warnThrottled("route " + path, "route " + request.getMethod() + " " + path + " failed: " + e, e);
            Replies.text(response, callback, 500, "internal error\n");
            return;
        }
        Replies.bytes(response, callback, answer.status(), answer.contentType(), answer.body());
    }

    /** The whole body, or null if it is longer than {@code max}. */
    private static byte[] readBounded(Request request, long max) throws IOException {
        int limit = (int) Math.min(max, Integer.MAX_VALUE - 16);
        try (InputStream in = Request.asInputStream(request)) {
            byte[] body = in.readNBytes(limit);
            return in.read() == -1 ? body : null;
        }
    }
}
