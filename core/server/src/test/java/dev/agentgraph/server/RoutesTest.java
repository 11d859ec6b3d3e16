package dev.agentgraph.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentgraph.api.HttpRequest;
import dev.agentgraph.api.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** HTTP routes mounted through {@link WebServer#routes()}, and the server's own {@code /health}. */
class RoutesTest {

    private WebServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String host() {
        return "Host: 127.0.0.1:" + server.port();
    }

    @Test
    void aRouteMountedBeforeStartSeesTheWholeRequest() throws Exception {
        server = WebServer.newServer(ServerSettings.defaults().withPort(0));
        AtomicReference<HttpRequest> seen = new AtomicReference<>();
        AtomicReference<String> body = new AtomicReference<>();
        server.routes().http("post", "/ingest/test", 100, r -> {
            seen.set(r);
            body.set(new String(r.body(), StandardCharsets.UTF_8));
            return new HttpResponse(201, "application/json", "{\"ok\":true}".getBytes(StandardCharsets.UTF_8));
        });
        server.start();
        byte[] payload = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        RawHttp.Reply reply = RawHttp.send(server.port(), RawHttp.request("POST", "/ingest/test?x=1&y=two", host(),
                "Content-Type: application/json", "X-Test: yes", "Content-Length: " + payload.length), payload);
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.text()).isEqualTo("{\"ok\":true}");
        HttpRequest r = seen.get();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/ingest/test");
        assertThat(r.header("x-test")).contains("yes");
        assertThat(r.header("missing")).isEmpty();
        assertThat(r.query("y")).contains("two");
        assertThat(r.query("z")).isEmpty();
        assertThat(r.remoteAddress()).startsWith("127.0.0.1:");
        assertThat(body.get()).isEqualTo("{\"a\":1}");
    }

    @Test
    void aRouteThatThrowsGets500AndTheServerKeepsServing() throws Exception {
        server = Servers.start();
        server.routes().http("GET", "/api/boom", 0, r -> {
            throw new IllegalStateException("boom");
        });
        server.routes().http("GET", "/api/null", 0, r -> null);
        server.routes().http("GET", "/api/fine", 0, r -> HttpResponse.text(200, "fine"));
        int p = server.port();
        RawHttp.Reply boom = RawHttp.get(p, "/api/boom", host());
        assertThat(boom.status()).isEqualTo(500);
        assertThat(boom.text()).doesNotContain("boom").doesNotContain("Exception");
        assertThat(RawHttp.get(p, "/api/null", host()).status()).isEqualTo(500);
        assertThat(RawHttp.get(p, "/api/fine", host()).text()).isEqualTo("fine");
        assertThat(RawHttp.get(p, "/health", host()).status()).isEqualTo(200);
        assertThat(server.counters().get("route_errors")).isEqualTo(2);
    }

    @Test
    void methodsAndPathsAreExact() throws Exception {
        server = Servers.start();
        server.routes().http("GET", "/api/stats", 0, r -> HttpResponse.json(200, "{}"));
        int p = server.port();
        RawHttp.Reply post = RawHttp.send(p, RawHttp.request("POST", "/api/stats", host(), "Content-Length: 0"), null);
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.header("Allow")).isEqualTo("GET");
        assertThat(RawHttp.get(p, "/api/stats/", host()).status()).isEqualTo(404);
        assertThat(RawHttp.get(p, "/api/stat", host()).status()).isEqualTo(404);
        assertThat(RawHttp.get(p, "/api/stats?x=1", host()).status()).isEqualTo(200);
        assertThat(RawHttp.send(p, RawHttp.request("DELETE", "/health", host()), null).status()).isEqualTo(405);
    }

    @Test
    void healthAnswersOkWithoutCaching() throws Exception {
        server = Servers.start();
        RawHttp.Reply health = RawHttp.get(server.port(), "/health", host());
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text()).isEqualTo("ok");
        assertThat(health.header("Content-Type")).startsWith("text/plain");
        assertThat(health.header("Cache-Control")).isEqualTo("no-store");
        RawHttp.Reply head = RawHttp.send(server.port(), RawHttp.request("HEAD", "/health", host()), null);
        assertThat(head.status()).isEqualTo(200);
    }

    @Test
    void mountingTwiceOrOnReservedOrBadPathsIsRefused() {
        server = WebServer.newServer(ServerSettings.defaults().withPort(0));
        server.routes().http("GET", "/api/a", 0, r -> HttpResponse.empty(204));
        server.routes().websocket("/stream", new RecordingEndpoint());
        assertThatThrownBy(() -> server.routes().http("get", "/api/a", 0, r -> null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> server.routes().http("GET", "/stream", 0, r -> null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> server.routes().websocket("/stream", new RecordingEndpoint()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> server.routes().websocket("/api/a", new RecordingEndpoint()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> server.routes().http("GET", "/health", 0, r -> null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.routes().http("GET", "api", 0, r -> null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.routes().http("GET", "/a?b", 0, r -> null)).isInstanceOf(IllegalArgumentException.class);
        server.routes().http("POST", "/api/a", 10, r -> HttpResponse.empty(204));
    }

    @Test
    void aPrefixRouteServesThePathsUnderItAndAnExactRouteWins() throws Exception {
        server = Servers.start();
        server.httpUnder("POST", "/api/agents/", 0, r -> HttpResponse.text(200, "under " + r.path()));
        server.routes().http("POST", "/api/agents/exact", 0, r -> HttpResponse.text(200, "exact"));
        int p = server.port();
        RawHttp.Reply under = RawHttp.send(p, RawHttp.request("POST", "/api/agents/s1/a1/stop", host(), "Content-Length: 0"), null);
        assertThat(under.status()).isEqualTo(200);
        assertThat(under.text()).isEqualTo("under /api/agents/s1/a1/stop");
        assertThat(RawHttp.send(p, RawHttp.request("POST", "/api/agents/exact", host(), "Content-Length: 0"), null).text())
                .isEqualTo("exact");
        assertThat(RawHttp.send(p, RawHttp.request("POST", "/api/agents/", host(), "Content-Length: 0"), null).status())
                .as("the prefix alone names nothing").isEqualTo(404);
        assertThat(RawHttp.send(p, RawHttp.request("POST", "/api/agentsX/1", host(), "Content-Length: 0"), null).status())
                .isEqualTo(404);
        RawHttp.Reply get = RawHttp.get(p, "/api/agents/s1/a1/stop", host());
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.header("Allow")).isEqualTo("POST");
        assertThatThrownBy(() -> server.httpUnder("POST", "/api/agents/", 0, r -> null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> server.httpUnder("POST", "/api/x", 0, r -> null)).isInstanceOf(IllegalArgumentException.class);
    }
}
