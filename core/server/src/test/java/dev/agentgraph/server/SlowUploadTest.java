package dev.agentgraph.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.agentgraph.api.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 15, defect 1: clients that declare a large body and then send it one byte at a time must
 * not hold the server's threads. Before the fix, 60 of them blocked every pool thread in a body
 * read and {@code /health} hung for as long as they liked.
 */
class SlowUploadTest {

    private static final String PATH = "/ingest/claude-code";
    private static final Duration QUICK = Duration.ofSeconds(3);

    private WebServer server;
    private final List<Socket> uploaders = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws IOException {
        trickle.shutdownNow();
        for (Socket s : uploaders) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void start(UploadLimits limits) throws Exception {
        server = WebServer.newServer(ServerSettings.defaults().withPort(0), limits);
        server.routes().http("POST", PATH, 1 << 20, r -> {
            bodies.add(new String(r.body(), StandardCharsets.UTF_8));
            return HttpResponse.json(200, "{}");
        });
        server.routes().websocket("/stream", new RecordingEndpoint());
        server.start();
    }

    @ParameterizedTest(name = "{0} slow uploaders")
    @ValueSource(ints = {60, 200})
    void slowUploadersLeaveHealthAndWebSocketUpgradesAnswering(int count) throws Exception {
        start(UploadLimits.DEFAULTS);
        int p = server.port();
        for (int i = 0; i < count; i++) {
            uploaders.add(slowUpload(p));
        }
        trickleOneByteEverySecond();
        // Every upload is either being read (on the old code: a pool thread blocked in a read) or refused.
        int cap = UploadLimits.DEFAULTS.maxConcurrent();
        await().until(() -> server.counters().get("uploads_open") == Math.min(count, cap)
                && server.counters().get("refused_upload_limit") == Math.max(0, count - cap));
        long[] healthMillis = new long[5];
        for (int i = 0; i < healthMillis.length; i++) {
            long t0 = System.nanoTime();
            RawHttp.Reply health = assertTimeoutPreemptively(QUICK, () -> RawHttp.get(p, "/health", Servers.host(server)),
                    "/health under " + count + " slow uploads");
            healthMillis[i] = (System.nanoTime() - t0) / 1_000_000;
            assertThat(health.status()).isEqualTo(200);
        }
        assertThat(assertTimeoutPreemptively(QUICK, () -> RawHttp.upgrade(p, "/stream", Servers.host(server)).status()))
                .isEqualTo(101);
        assertThat(assertTimeoutPreemptively(QUICK, () -> RawHttp.get(p, "/", Servers.host(server)).status())).isEqualTo(200);
        // With every upload slot taken, a genuine upload is refused at once rather than queued.
        RawHttp.Reply late = assertTimeoutPreemptively(QUICK, () -> post(p, "{\"ok\":1}"));
        assertThat(late.status()).isEqualTo(count >= cap ? 503 : 200);
        System.out.println("health latency ms with " + count + " slow uploaders: " + Arrays.toString(healthMillis)
                + "; counters " + server.counters());
    }

    @Test
    void anUploadThatTakesLongerThanTheDeadlineIsAnswered408AndItsSlotFreed() throws Exception {
        start(new UploadLimits(Duration.ofMillis(1500), 1, BodyMemory.halfTheHeap()));
        int p = server.port();
        Socket slow = slowUpload(p);
        uploaders.add(slow);
        trickleOneByteEverySecond();
        slow.setSoTimeout(10_000);
        long t0 = System.nanoTime();
        assertThat(statusLine(slow.getInputStream())).contains(" 408 ");
        long tookMillis = (System.nanoTime() - t0) / 1_000_000;
        // One byte a second resets the idle timeout (30 s); only a total deadline ends it this soon.
        assertThat(tookMillis).isBetween(1_000L, 5_000L);
        assertThat(server.counters()).containsEntry("upload_timeouts", 1L);
        // The one upload slot is free again.
        assertThat(post(p, "{\"after\":1}").status()).isEqualTo(200);
        assertThat(bodies).containsExactly("{\"after\":1}");
    }

    @Test
    void uploadsPastTheCapAreAnswered503AndBodylessRequestsAreNotCounted() throws Exception {
        start(new UploadLimits(Duration.ofSeconds(10), 2, BodyMemory.halfTheHeap()));
        int p = server.port();
        uploaders.add(slowUpload(p));
        uploaders.add(slowUpload(p));
        await().until(() -> server.counters().get("uploads_open") == 2L);
        RawHttp.Reply refused = post(p, "{\"late\":1}");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(server.counters()).containsEntry("refused_upload_limit", 1L);
        assertThat(RawHttp.get(p, "/health", Servers.host(server)).status()).isEqualTo(200);
        for (Socket s : uploaders) {
            s.close();
        }
        await().until(() -> server.counters().get("uploads_open") == 0L);
        assertThat(post(p, "{\"now\":1}").status()).isEqualTo(200);
        assertThat(bodies).containsExactly("{\"now\":1}");
    }

    private RawHttp.Reply post(int p, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return RawHttp.send(p, RawHttp.request("POST", PATH, Servers.host(server), "Content-Type: application/json",
                "Content-Length: " + body.length), body);
    }

    /** Declares 100,000 bytes and sends the first; {@link #trickleOneByteEverySecond} sends the rest, slowly. */
    private static Socket slowUpload(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        OutputStream out = s.getOutputStream();
        out.write(("POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return s;
    }

    private void trickleOneByteEverySecond() {
        trickle.scheduleAtFixedRate(() -> {
            for (Socket s : new ArrayList<>(uploaders)) {
                try {
                    s.getOutputStream().write(' ');
                    s.getOutputStream().flush();
                } catch (IOException closedByServer) {
                    // answered and closed: nothing more to send
                }
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            b.append((char) c);
        }
        return b.toString();
    }
}
