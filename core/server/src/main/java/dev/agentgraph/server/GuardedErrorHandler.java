package dev.agentgraph.server;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error pages (a malformed request refused before any handler, an ambiguous path) with the
 * same security headers as every other response, and no stack traces.
 */
final class GuardedErrorHandler extends ErrorHandler {

    GuardedErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        SecurityHeaders.apply(response.getHeaders(), null);
        return super.handle(request, response, callback);
    }
}
