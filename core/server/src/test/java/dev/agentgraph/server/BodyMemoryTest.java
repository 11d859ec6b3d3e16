package dev.agentgraph.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentgraph.api.HttpResponse;
import dev.agentgraph.api.Routes;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bodies in flight stay within their share of the heap. Before, nothing but their count (32)
 * was bounded, and four 2 MB hook payloads posted at once ended the launcher's JVM (64 MiB heap)
 * on an OutOfMemoryError.
 */
class BodyMemoryTest {

    private static final String PATH = "/ingest/claude-code";
    /** Room for 1,000-byte bodies only, so that each test body's share is easy to count. */
    private static final long CAPACITY = 1_000L * Routes.BODY_WORKING_FACTOR;

    private final BodyMemory memory = new BodyMemory(CAPACITY);
    private final List<Integer> handled = new CopyOnWriteArrayList<>();
    private WebServer server;
    private Socket partial;

    @AfterEach
    void stop() throws IOException {
        if (partial != null) {
            partial.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void start() throws Exception {
        server = WebServer.newServer(ServerSettings.defaults().withPort(0), new UploadLimits(Duration.ofSeconds(10), 32, memory));
        server.routes().http("POST", PATH, 1 << 20, r -> {
            handled.add(r.body().length);
            return HttpResponse.json(200, "{}");
        });
        server.start();
    }

    @Test
    void aBodyTooLongForTheHeapAloneIs413WithWhatToDo() throws Exception {
        start();
        RawHttp.Reply reply = post(1_001);
        assertThat(reply.status()).isEqualTo(413);
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).contains("too large for this server's memory", "1000 bytes");
        assertThat(server.counters()).containsEntry("refused_body_too_large", 1L);
        assertThat(post(1_000).status()).isEqualTo(200);
        assertThat(handled).containsExactly(1_000);
        await().until(() -> memory.used() == 0L);
    }

    @Test
    void aBodyThatDoesNotFitBesideThoseInFlightIs503AndFitsOnceTheyAreDone() throws Exception {
        start();
        int p = server.port();
        // 600 bytes declared, one sent: its share is taken from the first byte until it is answered.
        partial = new Socket();
        partial.connect(new InetSocketAddress("127.0.0.1", p), 5_000);
        OutputStream out = partial.getOutputStream();
        out.write(("POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1:" + p
                + "\r\nContent-Type: application/json\r\nContent-Length: 600\r\n\r\n\"").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        await().until(() -> memory.used() == 600L * Routes.BODY_WORKING_FACTOR);

        RawHttp.Reply refused = post(500);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("retry-after")).isEqualTo("1");
        assertThat(server.counters()).containsEntry("refused_body_memory", 1L);
        assertThat(post(400).status()).as("a body that fits beside it").isEqualTo(200);
        assertThat(RawHttp.get(p, "/health", Servers.host(server)).status()).isEqualTo(200);

        out.write(("x".repeat(598) + "\"").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        await().until(() -> memory.used() == 0L);
        assertThat(post(500).status()).isEqualTo(200);
        assertThat(handled).containsExactly(400, 600, 500);
    }

    @Test
    void aChunkedBodyCountsAtTheMostItMayBeAndIsCutThere() throws Exception {
        start();
        int p = server.port();
        String chunk = "\"" + "y".repeat(1_198) + "\"";
        RawHttp.Reply reply = RawHttp.send(p, RawHttp.request("POST", PATH, Servers.host(server), "Content-Type: application/json",
                "Transfer-Encoding: chunked"), (Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(reply.status()).isEqualTo(413);
        assertThat(handled).isEmpty();
        await().until(() -> memory.used() == 0L);
    }

    /**
     * A client that writes its whole body before it reads (as Node's fetch does) reads the 413 and
     * the 503: the server reads and drops the rest of a refused body before it closes. Before, it
     * closed at once, and the client's write met a reset (for Node, EPIPE once in six 8 MB posts).
     */
    @Test
    void aClientThatSendsItsWholeRefusedBodyFirstStillReadsTheAnswer() throws Exception {
        start();
        byte[] big = ("\"" + "w".repeat(8_000_000 - 2) + "\"").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 3; i++) {
            RawHttp.Reply reply = RawHttp.send(server.port(), RawHttp.request("POST", PATH, Servers.host(server),
                    "Content-Type: application/json", "Content-Length: " + big.length), big);
            assertThat(reply.status()).isEqualTo(413);
        }
        assertThat(server.counters()).containsEntry("refused_body_too_large", 3L);
        assertThat(RawHttp.get(server.port(), "/health", Servers.host(server)).status()).isEqualTo(200);
    }

    private RawHttp.Reply post(int length) throws IOException {
        byte[] body = ("\"" + "z".repeat(length - 2) + "\"").getBytes(StandardCharsets.UTF_8);
        return RawHttp.send(server.port(), RawHttp.request("POST", PATH, Servers.host(server), "Content-Type: application/json",
                "Content-Length: " + body.length), body);
    }
}
