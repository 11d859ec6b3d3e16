package dev.agentgraph.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.agentgraph.api.Emitter;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Source;
import dev.agentgraph.api.SourceFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/health}: each source's state on a real server, while {@code /health} stays a liveness check. */
class HealthReportTest {

    @TempDir
    Path dir;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A source whose thread runs {@code body} with its context and emitter. */
    private static SourceFactory source(String id, boolean byDefault, BiConsumer<PluginContext, Emitter> body) {
        return new SourceFactory() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public boolean enabledByDefault() {
                return byDefault;
            }

            @Override
            public Source create(PluginContext context) {
                if (id.equals("bad-start")) {
                    throw new IllegalStateException("cannot open the socket");
                }
                return new Source() {
                    @Override
                    public void start(Emitter emitter) {
                        Thread t = new Thread(() -> body.accept(context, emitter), "test-" + id);
                        t.setDaemon(true);
                        t.start();
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eachSourceSaysWhetherItRunsAndWhenItsLastEventCame() throws Exception {
        CountDownLatch again = new CountDownLatch(1);
        try (AgentGraph graph = AgentGraph.builder().set("server.port", "0")
                .set("events.file", dir.resolve("events.jsonl").toString())
                .component(source("good", true, (c, e) -> e.emit(TestComponents.event("tool_use", 1))))
                .component(source("broken", true, (c, e) -> {
                    e.emit(TestComponents.event("tool_use", 2));
                    c.log().error("stopped following {}: {}", c.eventsFile(), "java.io.IOException: Is a directory");
                    try {
                        again.await();
                    } catch (InterruptedException ex) {
                        return;
                    }
                    e.emit(TestComponents.event("tool_use", 3));
                }))
                .component(source("bad-start", true, (c, e) -> { }))
                .component(source("off", false, (c, e) -> { }))
                .start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> graph.health().getAsJsonObject("components")
                    .getAsJsonObject("broken").has("last_error"));

            HttpResponse<String> live = get(graph.uri("/health"));
            assertThat(live.statusCode()).isEqualTo(200);
            HttpResponse<String> response = get(graph.uri("/api/health"));
            assertThat(response.statusCode()).isEqualTo(200);
            JsonObject health = JsonParser.parseString(response.body()).getAsJsonObject();
            assertThat(health.get("status").getAsString()).isEqualTo("degraded");
            assertThat(health.get("events_file").getAsString()).isEqualTo(dir.resolve("events.jsonl").toString());
            assertThat(health.getAsJsonArray("problems").toString())
                    .contains("broken: stopped following " + dir.resolve("events.jsonl") + ": java.io.IOException: Is a directory")
                    .contains("bad-start: cannot open the socket");
            JsonObject components = health.getAsJsonObject("components");
            JsonObject good = components.getAsJsonObject("good");
            assertThat(good.get("state").getAsString()).isEqualTo("running");
            assertThat(good.get("ok").getAsBoolean()).isTrue();
            assertThat(good.get("events").getAsLong()).isEqualTo(1);
            assertThat(good.has("last_event_at")).isTrue();
            JsonObject broken = components.getAsJsonObject("broken");
            assertThat(broken.get("ok").getAsBoolean()).isFalse();
            assertThat(broken.getAsJsonObject("last_error").get("message").getAsString()).contains("Is a directory");
            assertThat(components.getAsJsonObject("bad-start").get("state").getAsString()).isEqualTo("failed");
            assertThat(components.getAsJsonObject("off").get("state").getAsString()).isEqualTo("disabled");
            assertThat(components.getAsJsonObject("off").get("ok").getAsBoolean()).as("disabled is not trouble").isTrue();

            // A source that emits again after its error is well again.
            again.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> graph.health().getAsJsonObject("components")
                    .getAsJsonObject("broken").get("ok").getAsBoolean());
            assertThat(graph.health().getAsJsonArray("problems").toString()).doesNotContain("broken");
        }
    }
}
