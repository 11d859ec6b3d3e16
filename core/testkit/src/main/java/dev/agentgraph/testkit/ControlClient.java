package dev.agentgraph.testkit;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Acts on a running AgentGraph as its page does (docs/control.md): reads the anti-forgery token
 * from {@code GET /api/control} and posts stop, hold and release from the page's own origin with
 * it. {@link #post} sends whatever headers a test wants, to try the refusals.
 */
public final class ControlClient {

    /** The header the page sends the anti-forgery token in. */
    public static final String HEADER = "X-AgentGraph-Control";

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    public ControlClient(int port) {
        this.port = port;
    }

    /** {@code http://127.0.0.1:PORT}: the page's origin. */
    public String origin() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code GET /api/control}, parsed. */
    public JsonObject state() {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(origin() + "/api/control")).GET().build());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET /api/control answered " + r.statusCode() + ": " + r.body());
        }
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    /** Stops an agent as the page does; the response. */
    public HttpResponse<String> stop(String session, String agent) {
        return asPage("/api/agents/" + session + "/" + agent + "/stop");
    }

    public HttpResponse<String> hold(String session) {
        return asPage("/api/sessions/" + session + "/hold");
    }

    public HttpResponse<String> release(String session) {
        return asPage("/api/sessions/" + session + "/release");
    }

    private HttpResponse<String> asPage(String path) {
        String token = state().get("token").getAsString();
        return post(path, Map.of("Origin", origin(), HEADER, token));
    }

    /** A POST with no body and exactly these headers. */
    public HttpResponse<String> post(String path, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(origin() + path)).POST(HttpRequest.BodyPublishers.noBody());
        headers.forEach(b::header);
        return send(b.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
