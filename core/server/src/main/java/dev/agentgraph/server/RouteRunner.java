package dev.agentgraph.server;

import dev.agentgraph.api.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Runs one mounted HTTP route: reads the body within the route's cap (a declared length over it,
 * or more bytes than it in a chunked body, is answered 413 before the route is called), calls the
 * route, and writes its answer. A route that throws gets 500; the server carries on.
 *
 * <p>Bodies are read without blocking ({@link BodyReader}), within the {@link UploadLimits}: at
 * most {@code maxConcurrent} at once (503 past it), each within the deadline (408), and together
 * within their share of the heap from the first byte read until the route has answered
 * ({@link BodyMemory}: 503 past it, 413 for a body too long for it alone). A request without a
 * body takes no upload slot, so {@code GET /api/*} answers whatever the uploads do.
 */
final class RouteRunner {

    private final ServerCounters counters;
    private final UploadLimits limits;
    private final AtomicInteger uploads;

    RouteRunner(ServerCounters counters, UploadLimits limits) {
        this.counters = counters;
        this.limits = limits;
        this.uploads = counters.openUploads();
    }

    void run(RouteTable.MountedRoute mounted, Request request, Response response, Callback callback) {
        long declared = request.getLength();
        if (declared > mounted.maxBodyBytes()) {
            tooLarge(mounted, request, response, callback);
            return;
        }
        if (declared == 0) {
            answer(mounted, request, new byte[0], response, callback, () -> { });
            return;
        }
        // A chunked body is counted at the most it may be: its length is known only once read.
        long length = Math.min(declared < 0 ? mounted.maxBodyBytes() : declared, limits.memory().largestBody());
        if (declared > limits.memory().largestBody()) {
            tooLargeForMemory(request, response, callback);
            return;
        }
        if (!limits.memory().tryTake(length)) {
            counters.refused(ServerCounters.REFUSED_BODY_MEMORY, refusal(request)
                    + ": the bodies in flight fill their share of the heap (503)");
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
            refuse(request, response, callback, 503, "busy with other large requests, try again\n");
            return;
        }
        if (!takeSlot()) {
            limits.memory().give(length);
            counters.refused(ServerCounters.REFUSED_UPLOAD_LIMIT, refusal(request)
                    + ": " + limits.maxConcurrent() + " uploads already in progress (503)");
            refuse(request, response, callback, 503, "too many uploads in progress, try again\n");
            return;
        }
        int max = (int) Math.min(Math.min(mounted.maxBodyBytes(), limits.memory().largestBody()), Integer.MAX_VALUE - 16);
        BodyReader.read(request, max, limits.deadline(), new BodyReader.Outcome() {
            @Override
            public void read(byte[] body) {
                uploads.decrementAndGet();
                // The share is given back once the route is done, before the answer goes out: a
                // client that sends again on reading it finds the share whole.
                answer(mounted, request, body, response, callback, () -> limits.memory().give(length));
            }

            @Override
            public void tooLarge() {
                uploads.decrementAndGet();
                limits.memory().give(length);
                if (mounted.maxBodyBytes() > max) {
                    tooLargeForMemory(request, response, callback);
                } else {
                    RouteRunner.this.tooLarge(mounted, request, response, callback);
                }
            }

            @Override
            public void timedOut() {
                uploads.decrementAndGet();
                limits.memory().give(length);
                counters.refused(ServerCounters.UPLOAD_TIMEOUTS, refusal(request)
                        + ": body not complete within " + limits.deadline().toMillis() + " ms (408)");
                close(response, callback, 408, "request body not received in time\n");
            }

            @Override
            public void failed(Throwable cause) {
                // The client went away or sent a broken body: nothing to hand to the route.
                uploads.decrementAndGet();
                limits.memory().give(length);
                close(response, callback, 400, "could not read the request body\n");
            }
        });
    }

    /** Calls the route, runs {@code done} whatever it did, then writes its answer. */
    private void answer(RouteTable.MountedRoute mounted, Request request, byte[] body, Response response, Callback callback,
            Runnable done) {
        String path = Request.getPathInContext(request);
        HttpResponse answer;
        try {
            answer = mounted.route().handle(new JettyHttpRequest(request, body));
            if (answer == null) {
                throw new IllegalStateException("the route returned no response");
            }
        } catch (Exception | Error e) {
            done.run();
            // Errors too (a StackOverflowError in a plugin): uncaught, Jetty would log the URI with its query.
            counters.increment(ServerCounters.ROUTE_ERRORS);
            counters.warnThrottled("route " + path, "route " + request.getMethod() + " " + ServerCounters.clean(path)
                    + " failed: " + e, e);
            Replies.text(response, callback, 500, "internal error\n");
            return;
        }
        done.run();
        Replies.bytes(response, callback, answer.status(), answer.contentType(), answer.body());
    }

    private void tooLarge(RouteTable.MountedRoute mounted, Request request, Response response, Callback callback) {
        counters.refused(ServerCounters.REFUSED_BODY_TOO_LARGE, refusal(request)
                + ": body over " + mounted.maxBodyBytes() + " bytes (413)");
        refuse(request, response, callback, 413, "request body too large\n");
    }

    /** 413 for a body within the route's cap but too long for this server's heap, with what to do. */
    private void tooLargeForMemory(Request request, Response response, Callback callback) {
        long largest = limits.memory().largestBody();
        counters.refused(ServerCounters.REFUSED_BODY_TOO_LARGE, refusal(request)
                + ": body over " + largest + " bytes, the most this heap can work on (413; a larger heap, e.g."
                + " JAVA_OPTS=-Xmx256m, takes larger bodies)");
        refuse(request, response, callback, 413, "request body too large for this server's memory (at most " + largest + " bytes)\n");
    }

    /** The start of a refusal's log line: {@code refused POST /path from 127.0.0.1}. */
    private static String refusal(Request request) {
        return "refused " + request.getMethod() + " " + ServerCounters.clean(Request.getPathInContext(request)) + " from "
                + Request.getRemoteAddr(request);
    }

    /** Answers and closes the connection: the rest of the body is never read (the client is slow, or gone). */
    private static void close(Response response, Callback callback, int status, String text) {
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        Replies.text(response, callback, status, text);
    }

    /**
     * Answers, drops the rest of the body for a bounded time ({@link BodyDrain}), then closes the
     * connection, so that a client still sending its body reads the answer rather than a reset.
     */
    private static void refuse(Request request, Response response, Callback callback, int status, String text) {
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        Replies.text(response, Callback.from(() -> BodyDrain.drain(request, callback), callback::failed), status, text);
    }

    private boolean takeSlot() {
        while (true) {
            int n = uploads.get();
            if (n >= limits.maxConcurrent()) {
                return false;
            }
            if (uploads.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }
}
