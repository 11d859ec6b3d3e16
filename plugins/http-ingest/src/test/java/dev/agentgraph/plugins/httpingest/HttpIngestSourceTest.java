package dev.agentgraph.plugins.httpingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentgraph.api.Emitter;
import dev.agentgraph.api.Event;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Reducer;
import dev.agentgraph.api.ReducerFactory;
import dev.agentgraph.testkit.TestAgentGraph;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Through the real server: what the route accepts, and what the server refuses before it. */
class HttpIngestSourceTest {

    private static final String PAYLOAD = "{\"session_id\":\"s1\",\"cwd\":\"/w/p\",\"hook_event_name\":\"PreToolUse\","
            + "\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"ls\"},\"tool_use_id\":\"t1\"}";

    private final List<Event> seen = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private TestAgentGraph graph;

    @BeforeEach
    void start() {
        graph = TestAgentGraph.builder()
                .component(new HttpIngestFactory())
                .component(new Recorder())
                .set("plugin.http-ingest.max-body", "4k")
                .start();
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    @Test
    void aPayloadIsEmittedWithItsReceiveTimeAndAnsweredEmpty() throws Exception {
        HttpResponse<String> r = post(PAYLOAD, "application/json", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        Event e = awaitSession("s1");
        assertThat(e.string("hook_event_name")).isEqualTo("PreToolUse");
        assertThat(e.json().getAsJsonObject("tool_input").get("command").getAsString()).isEqualTo("ls");
        assertThat(e.string("agentgraph_received")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void eachRuntimeHasItsPathAndItsLinesAreMarkedWithIt() throws Exception {
        for (String runtime : List.of("claude-code", "codex", "gemini")) {
            String session = "s-" + runtime;
            assertThat(post("/ingest/" + runtime, PAYLOAD.replace("\"s1\"", "\"" + session + "\""), "application/json", null)
                    .statusCode()).isEqualTo(200);
            assertThat(awaitSession(session).string("agentgraph_runtime")).isEqualTo(runtime);
        }
        assertThat(post("/ingest/cursor", PAYLOAD, "application/json", null).statusCode())
                .as("a runtime not configured has no path").isEqualTo(404);
    }

    @Test
    void badJsonIs400AndCounted() throws Exception {
        assertThat(post("{\"session_id\":\"bad\",", "application/json", null).statusCode()).isEqualTo(400);
        assertThat(post("[1,2]", "application/json", null).statusCode()).isEqualTo(400);
        post(PAYLOAD, "application/json", null);
        awaitSession("s1");
        assertThat(seen).noneMatch(e -> "bad".equals(e.string("session_id")));
        long bad = graph.stats().getAsJsonObject("components").getAsJsonObject("http-ingest")
                .getAsJsonObject("counters").get("bad_requests").getAsLong();
        assertThat(bad).isEqualTo(2);
    }

    @Test
    void aBodyOverTheCapIs413AndEmitsNothing() throws Exception {
        String big = "{\"session_id\":\"big\",\"hook_event_name\":\"PreToolUse\",\"pad\":\"" + "x".repeat(8192) + "\"}";
        assertThat(post(big, "application/json", null).statusCode()).isEqualTo(413);
        post(PAYLOAD, "application/json", null);
        awaitSession("s1");
        assertThat(seen).noneMatch(e -> "big".equals(e.string("session_id")));
    }

    @Test
    void aCrossSitePlainTextPostIsRefusedAndEmitsNothing() throws Exception {
        String evil = PAYLOAD.replace("\"s1\"", "\"evil\"");
        assertThat(post(evil, "text/plain", "https://evil.example").statusCode()).isEqualTo(403);
        post(PAYLOAD, "application/json", null);
        awaitSession("s1");
        assertThat(seen).noneMatch(e -> "evil".equals(e.string("session_id")));
    }

    private Event awaitSession(String session) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> seen.stream().filter(e -> session.equals(e.string("session_id"))).findFirst().orElse(null),
                e -> e != null);
    }

    private HttpResponse<String> post(String body, String type, String origin) throws Exception {
        return post("/ingest/claude-code", body, type, origin);
    }

    private HttpResponse<String> post(String path, String body, String type, String origin) throws Exception {
        URI uri = graph.http(path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sees every event first, raw payloads included. */
    private final class Recorder implements ReducerFactory {
        @Override
        public String id() {
            return "recorder";
        }

        @Override
        public int order() {
            return 1;
        }

        @Override
        public Reducer create(PluginContext context) {
            return new Reducer() {
                @Override
                public Event reduce(Event event, Emitter emit) {
                    seen.add(event);
                    return event;
                }
            };
        }
    }
}
