package dev.agentgraph.api;

import java.nio.charset.StandardCharsets;

/** What an {@link HttpRoute} answers. A {@code null} content type sends no body type. */
public record HttpResponse(int status, String contentType, byte[] body) {

    private static final byte[] EMPTY = new byte[0];

    public HttpResponse {
        body = body == null ? EMPTY : body;
    }

    /** A status with an empty body, such as 204 or 202. */
    public static HttpResponse empty(int status) {
        return new HttpResponse(status, null, EMPTY);
    }

    public static HttpResponse text(int status, String text) {
        return new HttpResponse(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    public static HttpResponse json(int status, String json) {
        return new HttpResponse(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }
}
