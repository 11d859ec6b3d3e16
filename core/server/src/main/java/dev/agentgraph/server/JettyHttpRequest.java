package dev.agentgraph.server;

import dev.agentgraph.api.HttpRequest;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/**
 * A Jetty request whose body was read whole, seen through the plugin API. Everything is copied
 * when it is made, because Jetty recycles its request once the response is sent and a route may
 * keep this object longer.
 */
final class JettyHttpRequest implements HttpRequest {

    private final String method;
    private final String path;
    private final HttpFields headers;
    private final Fields query;
    private final byte[] body;
    private final String remoteAddress;

    JettyHttpRequest(Request request, byte[] body) {
        this.method = request.getMethod();
        this.path = Request.getPathInContext(request);
        this.headers = request.getHeaders().asImmutable();
        this.query = queryOf(request);
        this.body = body;
        this.remoteAddress = Request.getRemoteAddr(request) + ":" + Request.getRemotePort(request);
    }

    static Fields queryOf(Request request) {
        try {
            return Request.extractQueryParameters(request);
        } catch (RuntimeException badQuery) {
            return new Fields();
        }
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    @Override
    public Optional<String> query(String name) {
        return Optional.ofNullable(query.getValue(name));
    }

    @Override
    public byte[] body() {
        return body;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }
}
