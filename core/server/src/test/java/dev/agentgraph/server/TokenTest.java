package dev.agentgraph.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentgraph.api.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rows 11 and 12 of SECURITY.md with a token configured, and the browser's cookie flow. */
class TokenTest {

    private static final String TOKEN = "Zq3-token-4f9a0c2e";
    private static final String OFF_BY_ONE = "Zq3-token-4f9a0c2f";

    private WebServer server;
    private int p;
    private final RecordingEndpoint stream = new RecordingEndpoint();

    @BeforeEach
    void start() throws Exception {
        server = Servers.start(ServerSettings.defaults().withToken(TOKEN));
        p = server.port();
        server.routes().websocket("/stream", stream);
        server.routes().http("GET", "/api/x", 0, r -> HttpResponse.json(200, "{}"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String host() {
        return "Host: 127.0.0.1:" + p;
    }

    @Test
    void row11_originlessClientNeedsTheTokenWhenOneIsConfigured() throws Exception {
        RawHttp.Reply without = RawHttp.upgrade(p, "/stream", host());
        assertThat(without.status()).isEqualTo(401);
        assertThat(without.has("Sec-WebSocket-Accept")).isFalse();
        assertThat(RawHttp.upgrade(p, "/stream?token=" + TOKEN, host()).status()).isEqualTo(101);
        assertThat(RawHttp.upgrade(p, "/stream", host(), "Authorization: Bearer " + TOKEN).status()).isEqualTo(101);
        try (TestWs client = TestWs.connect("ws://127.0.0.1:" + p + "/stream?token=" + TOKEN)) {
            await().until(() -> stream.opened.size() == 3);
            assertThat(stream.opened.get(2).query("token")).contains(TOKEN);
        }
    }

    @Test
    void row12_missingWrongOrNearTokensAreRefusedAndNoTokenIsLogged() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (String path : List.of("/", "/health", "/api/x", "/app.js")) {
                assertThat(RawHttp.get(p, path, host()).status()).as(path).isEqualTo(401);
                assertThat(RawHttp.get(p, path + "?token=wrong", host()).status()).as(path).isEqualTo(401);
                assertThat(RawHttp.get(p, path + "?token=" + OFF_BY_ONE, host()).status()).as(path).isEqualTo(401);
                assertThat(RawHttp.get(p, path + "?token=" + TOKEN.substring(1), host()).status()).as(path).isEqualTo(401);
                assertThat(RawHttp.get(p, path, host(), "Authorization: Bearer " + OFF_BY_ONE).status()).as(path).isEqualTo(401);
                assertThat(RawHttp.get(p, path + "?token=" + TOKEN, host()).status()).as(path).isEqualTo(200);
                assertThat(RawHttp.get(p, path, host(), "Authorization: Bearer " + TOKEN).status()).as(path).isEqualTo(200);
            }
            assertThat(RawHttp.upgrade(p, "/stream?token=" + OFF_BY_ONE, host()).status()).isEqualTo(401);
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("missing or wrong token"); // the refusal was logged...
        assertThat(log).doesNotContain(TOKEN).doesNotContain(OFF_BY_ONE).doesNotContain("wrong\n")
                .doesNotContain("?token"); // ...without any token or query string
        assertThat(server.counters().get("refused_token")).isEqualTo(21);
        assertThat(ServerSettings.defaults().withToken(TOKEN).toString()).doesNotContain(TOKEN);
    }

    @Test
    void tokenCheckComparesDigestsOfEqualLength() {
        TokenCheck check = new TokenCheck(TOKEN);
        assertThat(check.matchesToken(TOKEN)).isTrue();
        assertThat(check.matchesToken(OFF_BY_ONE)).isFalse();
        assertThat(check.matchesToken(TOKEN + "x")).isFalse();
        assertThat(check.matchesToken("")).isFalse();
        assertThat(check.matchesToken(null)).isFalse();
        assertThat(new TokenCheck(null).required()).isFalse();
    }

    @Test
    void pageOpenedWithTheTokenSetsACookieThatLetsItsOwnFilesThrough() throws Exception {
        RawHttp.Reply page = RawHttp.get(p, "/?token=" + TOKEN, host());
        assertThat(page.status()).isEqualTo(200);
        String setCookie = page.header("Set-Cookie");
        assertThat(setCookie).startsWith("agentgraph_" + p + "=").contains("HttpOnly").contains("SameSite=Strict")
                .contains("Path=/").doesNotContain(TOKEN);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        assertThat(RawHttp.get(p, "/app.js", host(), "Cookie: " + cookie).status()).isEqualTo(200);
        assertThat(RawHttp.get(p, "/style.css", host(), "Cookie: " + cookie, "Origin: http://127.0.0.1:" + p).status())
                .isEqualTo(200);
        assertThat(RawHttp.upgrade(p, "/stream", host(), "Cookie: " + cookie, "Origin: http://127.0.0.1:" + p).status())
                .isEqualTo(101);
        assertThat(RawHttp.get(p, "/app.js", host(), "Cookie: " + cookie + "0").status()).isEqualTo(401);
        assertThat(RawHttp.get(p, "/app.js", host(), "Cookie: agentgraph_" + (p + 1) + cookie.substring(cookie.indexOf('=')))
                .status()).isEqualTo(401);
        assertThat(RawHttp.get(p, "/app.js", host(), "Cookie: agentgraph_" + p + "=" + TOKEN).status()).isEqualTo(401);
        // The cookie is not a way around the Origin check.
        assertThat(RawHttp.upgrade(p, "/stream", host(), "Cookie: " + cookie, "Origin: https://evil.example").status())
                .isEqualTo(403);
    }
}
