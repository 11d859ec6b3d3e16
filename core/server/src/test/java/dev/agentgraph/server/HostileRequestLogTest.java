package dev.agentgraph.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgraph.api.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, defect 3: a path of thousands of segments made the static-file regex throw
 * {@code StackOverflowError}; as an {@code Error} it escaped the guard, Jetty answered 500 and
 * logged some 85 KB of stack per request with the full URI, {@code ?token=} included. Also: any
 * route failure, {@code Error}s included, is answered by us and logged without the query.
 */
class HostileRequestLogTest {

    private static final String TOKEN = "Zq3-token-4f9a0c2e-long-enough";

    private WebServer server;
    private int p;
    private PrintStream originalErr;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        originalErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        server = Servers.start(ServerSettings.defaults().withToken(TOKEN));
        p = server.port();
        server.routes().http("GET", "/api/recurse", 0, r -> HttpResponse.json(200, "{\"depth\":" + depth(0) + "}"));
        server.routes().http("POST", "/api/fails", 100, r -> {
            throw new IllegalStateException("boom");
        });
    }

    @AfterEach
    void stop() {
        server.close();
        System.setErr(originalErr);
    }

    /** Recurses until the stack overflows: a real StackOverflowError, with a thousand frames. */
    private static int depth(int n) {
        return n < 0 ? n : depth(n + 1) + 1;
    }

    private String host() {
        return "Host: 127.0.0.1:" + p;
    }

    private String log() {
        System.err.flush();
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aPathOfThousandsOfSegmentsIsNotFoundAndNothingIsLoggedWithTheToken() throws Exception {
        String deep = "/a".repeat(2_000) + "/x.js";
        for (int i = 0; i < 3; i++) {
            RawHttp.Reply reply = RawHttp.get(p, deep + "?token=" + TOKEN, host());
            assertThat(reply.status()).isEqualTo(404);
        }
        assertThat(RawHttp.get(p, "/app.js?token=" + TOKEN, host()).status()).isEqualTo(200);
        assertThat(log()).doesNotContain(TOKEN).doesNotContain("?token").doesNotContain("StackOverflowError")
                .hasSizeLessThan(4_000);
    }

    @Test
    void aRouteThatThrowsAnErrorIsAnswered500AndLoggedBrieflyWithoutTheQuery() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(RawHttp.get(p, "/api/recurse?token=" + TOKEN, host()).status()).isEqualTo(500);
        }
        assertThat(RawHttp.send(p, RawHttp.request("POST", "/api/fails?token=" + TOKEN, host(), "Content-Length: 2"),
                "{}".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(500);
        assertThat(RawHttp.get(p, "/health?token=" + TOKEN, host()).status()).isEqualTo(200);
        assertThat(server.counters().get("route_errors")).isEqualTo(4L);
        String log = log();
        assertThat(log).contains("/api/recurse").contains("StackOverflowError");
        assertThat(log).doesNotContain("?token").hasSizeLessThan(20_000);
    }

    @Test
    void malformedRequestsAnsweredByJettyShowAndLogNoQuery() throws Exception {
        for (String path : new String[] {"/%2e%2e/x?token=" + TOKEN, "/a%00b?token=" + TOKEN, "/%?token=" + TOKEN,
                "/" + "x".repeat(9_000) + "?token=" + TOKEN}) {
            RawHttp.Reply reply = RawHttp.get(p, path, host());
            assertThat(reply.status()).as(path).isIn(400, 404, 414, 431);
            assertThat(reply.text()).as("Jetty's error page for " + path).doesNotContain(TOKEN).doesNotContain("?token");
        }
        assertThat(log()).doesNotContain(TOKEN).doesNotContain("?token");
    }
}
