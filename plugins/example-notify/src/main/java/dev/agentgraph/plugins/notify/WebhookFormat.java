package dev.agentgraph.plugins.notify;

import com.google.gson.JsonObject;
import dev.agentgraph.api.Event;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/** How a notification is put on the wire, for the kinds of webhook people already run. */
enum WebhookFormat {
    /** {@code {"text":"*title*\ntext"}}: Slack, Mattermost and Rocket.Chat incoming webhooks. */
    SLACK,
    /** A plain-text body with a {@code Title} header: ntfy.sh and self-hosted ntfy topics. */
    NTFY,
    /** {@code {"title","text","event"}}: for your own receiver; {@code event} is the whole event. */
    JSON;

    static WebhookFormat parse(String name) {
        return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
    }

    HttpRequest.Builder request(URI url, Notification n, Event event) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url);
        switch (this) {
            case SLACK -> {
                JsonObject body = new JsonObject();
                body.addProperty("text", "*" + n.title() + "*\n" + n.text());
                b.header("Content-Type", "application/json").POST(body(body.toString()));
            }
            case NTFY -> b.header("Content-Type", "text/plain; charset=utf-8")
                    .header("Title", ascii(n.title()))
                    .POST(body(n.text()));
            case JSON -> {
                JsonObject body = new JsonObject();
                body.addProperty("title", n.title());
                body.addProperty("text", n.text());
                body.add("event", event.json());
                b.header("Content-Type", "application/json").POST(body(body.toString()));
            }
            default -> throw new IllegalStateException(name());
        }
        return b;
    }

    private static HttpRequest.BodyPublisher body(String text) {
        return HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8);
    }

    /** Header values must be printable ASCII; anything else becomes '?'. */
    private static String ascii(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.chars().forEach(c -> b.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return b.toString();
    }
}
