package dev.agentgraph.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.agentgraph.api.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One test per row of SECURITY.md that the server enforces, against a real server on a free port.
 * Rows 12, 18 and 19 have their own classes ({@link TokenTest}, {@link WebSocketLimitsTest}).
 */
class SecurityChecklistTest {

    private WebServer server;
    private int p;
    private final RecordingEndpoint stream = new RecordingEndpoint();
    private final AtomicInteger apiCalls = new AtomicInteger();
    private final AtomicInteger ingestCalls = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = Servers.start();
        p = server.port();
        server.routes().websocket("/stream", stream);
        server.routes().http("GET", "/api/x", 0, r -> {
            apiCalls.incrementAndGet();
            return HttpResponse.json(200, "{}");
        });
        server.routes().http("POST", "/ingest/claude-code", 1024, r -> {
            ingestCalls.incrementAndGet();
            return HttpResponse.empty(202);
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String ownHost() {
        return "Host: 127.0.0.1:" + p;
    }

    private RawHttp.Reply upgradeWithOrigin(String origin) throws IOException {
        return RawHttp.upgrade(p, "/stream", ownHost(), "Origin: " + origin);
    }

    private void assertRefusedUpgrade(RawHttp.Reply reply) {
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.has("Sec-WebSocket-Accept")).isFalse();
    }

    @Test
    void row01_listensOnLoopbackOnly() throws IOException {
        List<String> all = new ArrayList<>(listeners(Path.of("/proc/net/tcp"), p));
        all.addAll(listeners(Path.of("/proc/net/tcp6"), p));
        // Exactly one listening socket, on 127.0.0.1: as an IPv4 socket (little-endian hex), or as
        // the IPv4-mapped ::ffff:127.0.0.1 of the JDK's dual-stack socket. Never 0.0.0.0 or ::.
        assertThat(all).hasSize(1);
        assertThat(all.get(0)).isIn("0100007F", "0000000000000000FFFF00000100007F");
        assertThat(all).noneMatch(a -> a.matches("0+"));
    }

    /** The local addresses of sockets listening on {@code port}, as /proc/net/tcp prints them. */
    private static List<String> listeners(Path table, int port) throws IOException {
        List<String> found = new ArrayList<>();
        if (!Files.exists(table)) {
            return found;
        }
        List<String> lines = Files.readAllLines(table);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+");
            String[] local = f[1].split(":");
            boolean listening = f[3].equals("0A");
            if (listening && Integer.parseInt(local[1], 16) == port) {
                found.add(local[0]);
            }
        }
        return found;
    }

    @Test
    void row02_nonLoopbackHostWithoutTokenRefusesToStart() {
        for (String host : List.of("0.0.0.0", "::", "192.0.2.10")) {
            assertThatThrownBy(() -> WebServer.newServer(ServerSettings.defaults().withHost(host).withPort(0)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(host)
                    .hasMessageContaining("token")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @Test
    void row03_foreignOriginUpgradeIsRefused() throws IOException {
        assertRefusedUpgrade(upgradeWithOrigin("https://evil.example"));
        assertThat(stream.opened).isEmpty();
        assertThat(server.counters().get("refused_origin")).isEqualTo(1);
    }

    @Test
    void row04_ownOriginUpgradeIsAccepted() throws IOException {
        for (String origin : List.of("http://127.0.0.1:" + p, "http://localhost:" + p, "http://[::1]:" + p, "HTTP://LOCALHOST:" + p)) {
            RawHttp.Reply reply = upgradeWithOrigin(origin);
            assertThat(reply.status()).as(origin).isEqualTo(101);
            assertThat(reply.has("Sec-WebSocket-Accept")).isTrue();
        }
        RawHttp.Reply viaLocalhost = RawHttp.upgrade(p, "/stream", "Host: localhost:" + p, "Origin: http://localhost:" + p);
        assertThat(viaLocalhost.status()).isEqualTo(101);
        await().until(() -> stream.opened.size() == 5);
    }

    @Test
    void row05_otherPortOriginIsRefused() throws IOException {
        assertRefusedUpgrade(upgradeWithOrigin("http://127.0.0.1:5173"));
        assertRefusedUpgrade(upgradeWithOrigin("http://localhost:" + (p + 1)));
        assertRefusedUpgrade(upgradeWithOrigin("https://127.0.0.1:" + p));
    }

    @Test
    void row06_nullOriginIsRefused() throws IOException {
        assertRefusedUpgrade(upgradeWithOrigin("null"));
    }

    @Test
    void row07_lookalikeOriginsAreRefused() throws IOException {
        for (String origin : List.of("http://localhost.evil.example:" + p, "http://127.0.0.1.nip.io:" + p,
                "http://127.0.0.1:" + p + ".evil.example", "http://localhost.:" + p, "http://127.0.0.1:" + p + "/",
                "http://evil.example@127.0.0.1:" + p)) {
            RawHttp.Reply reply = upgradeWithOrigin(origin);
            assertThat(reply.status()).as(origin).isEqualTo(403);
            assertThat(reply.has("Sec-WebSocket-Accept")).isFalse();
        }
        assertThat(stream.opened).isEmpty();
    }

    @Test
    void row08_otherIpOriginIsRefused() throws IOException {
        assertRefusedUpgrade(upgradeWithOrigin("http://192.168.1.10:" + p));
        assertRefusedUpgrade(upgradeWithOrigin("http://127.0.0.2:" + p));
    }

    @Test
    void row09_foreignHostIsRefusedEverywhere() throws IOException {
        String evil = "Host: evil.example:" + p;
        assertThat(RawHttp.get(p, "/", evil).status()).isEqualTo(421);
        assertThat(RawHttp.get(p, "/app.js", evil).status()).isEqualTo(421);
        assertThat(RawHttp.get(p, "/health", evil).status()).isEqualTo(421);
        assertThat(RawHttp.get(p, "/api/x", evil).status()).isEqualTo(421);
        RawHttp.Reply ws = RawHttp.upgrade(p, "/stream", evil);
        assertThat(ws.status()).isEqualTo(421);
        assertThat(ws.has("Sec-WebSocket-Accept")).isFalse();
        assertThat(apiCalls).hasValue(0);
        assertThat(stream.opened).isEmpty();
        // The same requests with our own Host pass, so the 421s above are the guard's doing.
        assertThat(RawHttp.get(p, "/", ownHost()).status()).isEqualTo(200);
        assertThat(RawHttp.get(p, "/api/x", ownHost()).status()).isEqualTo(200);
        assertThat(server.counters().get("refused_host")).isEqualTo(5);
    }

    @Test
    void row10_lookalikeWrongPortAndMissingHostsAreRefused() throws IOException {
        for (String host : List.of("127.0.0.1.nip.io:" + p, "localhost.:" + p, "127.0.0.1:" + (p + 1), "127.0.0.1",
                "localhost", "[::1]", "0.0.0.0:" + p, "127.0.0.2:" + p)) {
            assertThat(RawHttp.get(p, "/health", "Host: " + host).status()).as(host).isEqualTo(421);
            assertThat(RawHttp.upgrade(p, "/stream", "Host: " + host).status()).as(host).isEqualTo(421);
        }
        assertThat(RawHttp.send(p, "GET /health HTTP/1.0", null).status()).isEqualTo(421);
        assertThat(RawHttp.send(p, "GET /health HTTP/1.1\r\nConnection: close", null).status()).isIn(400, 421);
        assertThat(RawHttp.get(p, "/health", ownHost(), "Host: evil.example:" + p).status()).isIn(400, 421);
        assertThat(stream.opened).isEmpty();
        for (String host : List.of("127.0.0.1:" + p, "LOCALHOST:" + p, "[::1]:" + p)) {
            assertThat(RawHttp.get(p, "/health", "Host: " + host).status()).as(host).isEqualTo(200);
        }
    }

    @Test
    void row11_originlessClientIsAllowedOnLoopbackWithoutToken() throws Exception {
        assertThat(RawHttp.upgrade(p, "/stream", ownHost()).status()).isEqualTo(101);
        try (TestWs client = TestWs.connect("ws://127.0.0.1:" + p + "/stream")) {
            await().until(() -> stream.opened.size() == 2);
        }
        // With a token configured, the same client needs the token: see TokenTest.row11_*.
    }

    @Test
    void row13_crossSitePostIsRefused() throws IOException {
        byte[] body = "{\"hook_event_name\":\"PreToolUse\"}".getBytes(StandardCharsets.UTF_8);
        RawHttp.Reply reply = RawHttp.send(p, RawHttp.request("POST", "/ingest/claude-code", ownHost(),
                "Origin: https://evil.example", "Content-Type: text/plain", "Content-Length: " + body.length), body);
        assertThat(reply.status()).isEqualTo(403);
        assertThat(ingestCalls).hasValue(0);
        RawHttp.Reply same = RawHttp.send(p, RawHttp.request("POST", "/ingest/claude-code", ownHost(),
                "Content-Type: application/json", "Content-Length: " + body.length), body);
        assertThat(same.status()).isEqualTo(202);
        assertThat(ingestCalls).hasValue(1);
    }

    @Test
    void row14_noCorsHeadersEver() throws IOException {
        List<RawHttp.Reply> replies = List.of(
                RawHttp.get(p, "/api/x", ownHost(), "Origin: https://evil.example"),
                RawHttp.get(p, "/api/x", ownHost(), "Origin: http://127.0.0.1:" + p),
                RawHttp.send(p, RawHttp.request("OPTIONS", "/api/x", ownHost(), "Origin: https://evil.example",
                        "Access-Control-Request-Method: POST", "Access-Control-Request-Headers: content-type"), null),
                RawHttp.send(p, RawHttp.request("OPTIONS", "/ingest/claude-code", ownHost(), "Origin: http://localhost:" + p,
                        "Access-Control-Request-Method: POST"), null));
        assertThat(replies.get(0).status()).isEqualTo(403);
        assertThat(replies.get(1).status()).isEqualTo(200);
        assertThat(replies.get(2).status()).isEqualTo(403);
        assertThat(replies.get(3).status()).isEqualTo(405);
        for (RawHttp.Reply r : replies) {
            assertThat(r.headers().keySet()).noneMatch(h -> h.startsWith("access-control-"));
        }
        assertThat(apiCalls).hasValue(1);
    }

    @Test
    void row15_securityHeadersOnEveryResponse() throws IOException {
        RawHttp.Reply root = RawHttp.get(p, "/", ownHost());
        assertThat(root.status()).isEqualTo(200);
        assertThat(root.header("Content-Security-Policy")).isEqualTo("default-src 'self'; script-src 'self'; "
                + "style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                + "form-action 'none'; frame-ancestors 'none'");
        assertThat(root.header("Content-Security-Policy")).doesNotContain("unsafe-inline");
        for (RawHttp.Reply r : List.of(root, RawHttp.get(p, "/nothing-here.js", ownHost()),
                RawHttp.get(p, "/health", "Host: evil.example:" + p), RawHttp.get(p, "/api/x", ownHost()),
                RawHttp.upgrade(p, "/stream", ownHost(), "Origin: null"), RawHttp.get(p, "/%2e%2e/x", ownHost()))) {
            assertThat(r.header("Content-Security-Policy")).isEqualTo(SecurityHeaders.CSP);
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(r.has("Server")).isFalse();
        }
        assertThat(RawHttp.get(p, "/api/x", ownHost()).header("Cache-Control")).isEqualTo("no-store");
        assertThat(RawHttp.get(p, "/health", ownHost()).header("Cache-Control")).isEqualTo("no-store");
        assertThat(RawHttp.get(p, "/", "Host: evil.example:" + p).header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void row20_bodyOverTheCapIs413AndTheRouteNeverRuns() throws IOException {
        byte[] big = new byte[1025];
        RawHttp.Reply declared = RawHttp.send(p, RawHttp.request("POST", "/ingest/claude-code", ownHost(),
                "Content-Type: application/json", "Content-Length: " + big.length), big);
        assertThat(declared.status()).isEqualTo(413);

        String chunked = RawHttp.request("POST", "/ingest/claude-code", ownHost(), "Content-Type: application/json",
                "Transfer-Encoding: chunked");
        byte[] chunks = ("200\r\n" + "a".repeat(512) + "\r\n" + "200\r\n" + "b".repeat(512) + "\r\n"
                + "1\r\nc\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(RawHttp.send(p, chunked, chunks).status()).isEqualTo(413);
        assertThat(ingestCalls).hasValue(0);
        assertThat(server.counters().get("refused_body_too_large")).isEqualTo(2);

        byte[] atCap = ("200\r\n" + "a".repeat(512) + "\r\n" + "200\r\n" + "b".repeat(512) + "\r\n0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(RawHttp.send(p, chunked, atCap).status()).isEqualTo(202);
        assertThat(ingestCalls).hasValue(1);
        assertThat(RawHttp.get(p, "/health", ownHost()).status()).isEqualTo(200);
    }

    @Test
    void refusalsAreCountedByReason() throws IOException {
        RawHttp.get(p, "/", "Host: evil.example:" + p);
        RawHttp.get(p, "/", ownHost(), "Origin: https://evil.example");
        assertThat(server.counters()).containsEntry("refused_host", 1L).containsEntry("refused_origin", 1L)
                .containsEntry("refused_token", 0L).containsKey("websockets_open");
        assertThat(server.counters().keySet()).allMatch(k -> k.equals(k.toLowerCase(Locale.ROOT)));
    }
}
