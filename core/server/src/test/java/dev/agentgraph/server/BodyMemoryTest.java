package dev.agentgraph.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentgraph.api.HttpResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bodies in flight stay within their share of the heap. Before, nothing but their count (32)
 * was bounded, and four 2 MB hook payloads posted at once ended the launcher's JVM (64 MiB heap)
 * on an OutOfMemoryError.
 */
class BodyMemoryTest {

    private static final String PATH = "/ingest/claude-code";
    /** A route that works until the test lets it go. */
    private static final String HOLD = "/hold";
    /** Room for 1,000-byte bodies only, so that each test body's share is easy to count. */
    private static final long CAPACITY = BodyMemory.working(1_000);

    private final BodyMemory memory = new BodyMemory(CAPACITY);
    private final List<Integer> handled = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private WebServer server;
    private Socket partial;

    @AfterEach
    void stop() throws IOException {
        release.countDown();
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
        server.routes().http("POST", HOLD, 1 << 20, r -> {
            release.await(10, TimeUnit.SECONDS);
            handled.add(r.body().length);
            return HttpResponse.json(200, "{}");
        });
        server.start();
    }

    @Test
    void aBodyTooLongForTheHeapAloneIs413WithWhatToDo() throws Exception {
        start();
        RawHttp.Reply reply = post(PATH, 1_001);
        assertThat(reply.status()).isEqualTo(413);
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).contains("too large for this server's memory", "1000 bytes");
        assertThat(server.counters()).containsEntry("refused_body_too_large", 1L);
        assertThat(post(PATH, 1_000).status()).isEqualTo(200);
        assertThat(handled).containsExactly(1_000);
        assertThat(memory.used()).isZero();
    }

    @Test
    void aBodyWhoseRouteWouldOverfillTheShareIs503AndASlowUploaderHoldsOnlyItsLength() throws Exception {
        start();
        int p = server.port();
        // A route at work on 700 bytes holds their working share until it returns.
        CompletableFuture<RawHttp.Reply> held = CompletableFuture.supplyAsync(() -> {
            try {
                return post(HOLD, 700);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        await().until(() -> memory.used() == BodyMemory.working(700));

        RawHttp.Reply refused = post(PATH, 400);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("retry-after")).isEqualTo("1");
        assertThat(server.counters()).containsEntry("refused_body_memory", 1L);
        assertThat(post(PATH, 200).status()).as("a body whose share fits beside it").isEqualTo(200);

        // 900 bytes declared, one sent: while it trickles in it holds its length, not 16 times it.
        partial = new Socket();
        partial.connect(new InetSocketAddress("127.0.0.1", p), 5_000);
        OutputStream out = partial.getOutputStream();
        out.write(("POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1:" + p
                + "\r\nContent-Type: application/json\r\nContent-Length: 900\r\n\r\n\"").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        await().until(() -> memory.used() == BodyMemory.working(700) + 900);
        assertThat(post(PATH, 200).status()).isEqualTo(200);
        assertThat(RawHttp.get(p, "/health", Servers.host(server)).status()).isEqualTo(200);

        release.countDown();
        assertThat(held.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        partial.close();
        await().until(() -> memory.used() == 0L);
        assertThat(post(PATH, 1_000).status()).isEqualTo(200);
        assertThat(handled).containsExactly(200, 200, 700, 1_000);
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
        assertThat(memory.used()).isZero();
    }

    private RawHttp.Reply post(String path, int length) throws IOException {
        byte[] body = ("\"" + "z".repeat(length - 2) + "\"").getBytes(StandardCharsets.UTF_8);
        return RawHttp.send(server.port(), RawHttp.request("POST", path, Servers.host(server), "Content-Type: application/json",
                "Content-Length: " + body.length), body);
    }
}
