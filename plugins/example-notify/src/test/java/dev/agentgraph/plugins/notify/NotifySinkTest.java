package dev.agentgraph.plugins.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import dev.agentgraph.api.Event;
import dev.agentgraph.testkit.TestAgentGraph;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sink in a real pipeline, posting to a real local HTTP server standing in for Slack or ntfy. */
class NotifySinkTest {

    /** One request the webhook received. */
    record Received(String contentType, String title, String authorization, String body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private HttpServer webhook;

    @BeforeEach
    void startWebhook() throws IOException {
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                received.add(new Received(exchange.getRequestHeaders().getFirst("Content-Type"),
                        exchange.getRequestHeaders().getFirst("Title"),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        webhook.start();
    }

    @AfterEach
    void stopWebhook() {
        webhook.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook";
    }

    private TestAgentGraph.Builder graph() {
        return TestAgentGraph.builder().component(new NotifySinkFactory()).set("plugin.example-notify.url", url());
    }

    private static Event e(String json) throws Exception {
        return Event.parse(json);
    }

    @Test
    void postsASlackMessageWhenAnAgentFinishesAndNothingForOtherEvents() throws Exception {
        try (TestAgentGraph graph = graph().start()) {
            graph.emit(e("{\"event\":\"session_start\",\"session_id\":\"s1\",\"project\":\"shop\"}"));
            graph.emit(e("{\"event\":\"agent_spawn\",\"session_id\":\"s1\",\"id\":\"a1\",\"subagent_type\":\"Plan\"}"));
            graph.emit(e("{\"event\":\"tool_use\",\"session_id\":\"s1\",\"agent_id\":\"a1\",\"tool\":\"Read\"}"));
            graph.emit(e("{\"event\":\"agent_done\",\"session_id\":\"s1\",\"id\":\"a1\",\"outcome\":\"functional\",\"duration_ms\":2000}"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
            Received r = received.get(0);
            assertThat(r.contentType()).isEqualTo("application/json");
            assertThat(JsonParser.parseString(r.body()).getAsJsonObject().get("text").getAsString())
                    .isEqualTo("*Agent finished in shop*\nPlan: functional, 2.0 s");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(counter(graph, "sent")).isEqualTo(1));
            assertThat(received).hasSize(1);
        }
    }

    @Test
    void postsPlainTextWithATitleToNtfyWithTheConfiguredHeader() throws Exception {
        try (TestAgentGraph graph = graph().set("plugin.example-notify.format", "ntfy")
                .set("plugin.example-notify.header.Authorization", "Bearer tk_secret").start()) {
            graph.emit(e("{\"event\":\"waiting\",\"session_id\":\"s2\",\"message\":\"Claude needs your permission to use Bash\"}"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
            Received r = received.get(0);
            assertThat(r.contentType()).startsWith("text/plain");
            assertThat(r.title()).isEqualTo("Waiting for you in s2");
            assertThat(r.authorization()).isEqualTo("Bearer tk_secret");
            assertThat(r.body()).isEqualTo("Claude needs your permission to use Bash");
        }
    }

    @Test
    void theJsonFormatCarriesTheWholeEventAndTheChoiceOfEventsIsConfigurable() throws Exception {
        try (TestAgentGraph graph = graph().set("plugin.example-notify.format", "json")
                .set("plugin.example-notify.on", "tool_failed").start()) {
            graph.emit(e("{\"event\":\"agent_done\",\"id\":\"a1\"}"));
            graph.emit(e("{\"event\":\"tool_failed\",\"agent_id\":\"main\",\"tool\":\"Bash\",\"error\":\"exit 1\"}"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
            JsonObject body = JsonParser.parseString(received.get(0).body()).getAsJsonObject();
            assertThat(body.get("title").getAsString()).isEqualTo("Bash failed in default");
            assertThat(body.getAsJsonObject("event").get("error").getAsString()).isEqualTo("exit 1");
            assertThat(received).hasSize(1);
        }
    }

    @Test
    void aFailingWebhookIsCountedAndTheNextNotificationIsStillTried() throws Exception {
        status.set(500);
        try (TestAgentGraph graph = graph().start()) {
            graph.emit(e("{\"event\":\"agent_done\",\"id\":\"a1\"}"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(counter(graph, "failed")).isEqualTo(1));
            status.set(200);
            graph.emit(e("{\"event\":\"agent_done\",\"id\":\"a2\"}"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(counter(graph, "sent")).isEqualTo(1));
            assertThat(received).hasSize(2);
        }
    }

    @Test
    void withoutAUrlItSendsNothingAndABadUrlOrFormatIsAConfigurationError() throws Exception {
        try (TestAgentGraph graph = TestAgentGraph.builder().component(new NotifySinkFactory()).start()) {
            graph.emit(e("{\"event\":\"agent_done\",\"id\":\"a1\"}"));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(graph.stats().getAsJsonObject("components")
                    .getAsJsonObject("example-notify").get("events_in").getAsLong()).isEqualTo(1));
            assertThat(received).isEmpty();
        }
        assertThatThrownBy(() -> TestAgentGraph.builder().component(new NotifySinkFactory())
                .set("plugin.example-notify.url", "file:///etc/passwd").start())
                .hasMessageContaining("plugin.example-notify.url");
        assertThatThrownBy(() -> graph().set("plugin.example-notify.format", "teams").start())
                .hasMessageContaining("plugin.example-notify.format");
    }

    private static long counter(TestAgentGraph graph, String name) {
        JsonObject counters = graph.stats().getAsJsonObject("components").getAsJsonObject("example-notify")
                .getAsJsonObject("counters");
        return counters.has(name) ? counters.get(name).getAsLong() : 0;
    }
}
