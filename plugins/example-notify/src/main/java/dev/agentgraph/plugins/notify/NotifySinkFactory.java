package dev.agentgraph.plugins.notify;

import dev.agentgraph.api.PluginConfig;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Sink;
import dev.agentgraph.api.SinkFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.pf4j.Extension;

/**
 * The example-notify sink: POSTs a notification to a webhook when an agent finishes or a session
 * waits for the user. Keys, all under {@code plugin.example-notify.}: {@code url} (http or https;
 * without it the sink stays silent), {@code format} ({@code slack}, {@code ntfy} or {@code json}),
 * {@code on} (event types to notify, comma-separated), {@code timeout}, and {@code header.<Name>}
 * for headers such as {@code Authorization}.
 */
@Extension
public final class NotifySinkFactory implements SinkFactory {

    public static final String ID = "example-notify";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "POSTs a webhook notification (Slack, ntfy, JSON) when an agent finishes or a session waits";
    }

    @Override
    public Sink create(PluginContext context) {
        PluginConfig config = context.config();
        String url = config.string("url", "").trim();
        String formatName = config.string("format", "slack");
        Set<String> on = Arrays.stream(config.string("on", "agent_done,waiting").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        Duration timeout = config.duration("timeout", Duration.ofSeconds(5));
        Map<String, String> headers = config.withPrefix("header.");
        WebhookFormat format;
        try {
            format = WebhookFormat.parse(formatName);
        } catch (IllegalArgumentException e) {
            throw context.config().invalid("format", "must be slack, ntfy or json, was " + formatName);
        }
        if (url.isEmpty()) {
            context.log().warn("example-notify: plugin.example-notify.url is not set; no notifications will be sent");
            return event -> { };
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw context.config().invalid("url", "not a URL: " + e.getMessage());
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw context.config().invalid("url", "must start with http:// or https://");
        }
        try {
            headers.forEach(java.net.http.HttpRequest.newBuilder(uri)::header);
        } catch (IllegalArgumentException e) {
            throw context.config().invalid("header", "cannot be sent: " + e.getMessage());
        }
        context.log().info("example-notify: notifying {} of {} at {}://{}", format.name().toLowerCase(java.util.Locale.ROOT),
                on, uri.getScheme(), uri.getHost());
        return new NotifySink(uri, format, headers, timeout, new NotificationText(on), context);
    }
}
