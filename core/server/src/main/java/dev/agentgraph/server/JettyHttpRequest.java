package dev.agentgraph.server;

import dev.agentgraph.api.HttpRequest;
import java.util.Optional;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/** A Jetty request whose body was read whole, seen through the plugin API. */
final class JettyHttpRequest implements HttpRequest {

    private final Request request;
    private final byte[] body;
    private Fields query;

    JettyHttpRequest(Request request, byte[] body) {
        this.request = request;
        this.body = body;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String path() {
        return Request.getPathInContext(request);
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(request.getHeaders().get(name));
    }

    @Override
    public Optional<String> query(String name) {
        if (query == null) {
            try {
                query = Request.extractQueryParameters(request);
            } catch (RuntimeException badQuery) {
                query = new Fields();
            }
        }
        return Optional.ofNullable(query.getValue(name));
    }

    @Override
    public byte[] body() {
        return body;
    }

    @Override
    public String remoteAddress() {
        return Request.getRemoteAddr(request) + ":" + Request.getRemotePort(request);
    }
}
