package dev.agentgraph.plugins.notify;

import dev.agentgraph.api.Counter;
import dev.agentgraph.api.Event;
import dev.agentgraph.api.LogThrottle;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Sink;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Sends one webhook request per notification, on the sink's own thread: a slow or dead webhook
 * only makes this sink fall behind (the host drops and counts its overflow), never the pipeline.
 * Counters: {@code sent}, {@code failed}. Failures are logged at most once a minute.
 */
final class NotifySink implements Sink {

    private static final Duration LOG_EVERY = Duration.ofMinutes(1);

    private final URI url;
    private final WebhookFormat format;
    private final Map<String, String> headers;
    private final Duration timeout;
    private final NotificationText text;
    private final HttpClient http;
    private final Logger log;
    private final Clock clock;
    private final Counter sent;
    private final Counter failed;
    private final LogThrottle failureLog = new LogThrottle(LOG_EVERY);

    NotifySink(URI url, WebhookFormat format, Map<String, String> headers, Duration timeout, NotificationText text,
            PluginContext context) {
        this.url = url;
        this.format = format;
        this.headers = Map.copyOf(headers);
        this.timeout = timeout;
        this.text = text;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.log = context.log();
        this.clock = context.clock();
        this.sent = context.counter("sent");
        this.failed = context.counter("failed");
    }

    @Override
    public void accept(Event event) throws InterruptedException {
        Optional<Notification> n = text.on(event);
        if (n.isEmpty()) {
            return;
        }
        HttpRequest.Builder request = format.request(url, n.get(), event).timeout(timeout);
        headers.forEach(request::header);
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                sent.increment();
            } else {
                failure("HTTP " + response.statusCode());
            }
        } catch (IOException e) {
            failure(e.toString());
        }
    }

    private void failure(String why) {
        failed.increment();
        // The plugin's clock, in the throttle's nanoseconds: a test's clock moves it too.
        if (failureLog.admit(TimeUnit.MILLISECONDS.toNanos(clock.millis())) >= 0) {
            log.warn("example-notify: webhook {}://{} failed: {} ({} failures so far)", url.getScheme(), url.getHost(),
                    why, failed.get());
        }
    }
}
