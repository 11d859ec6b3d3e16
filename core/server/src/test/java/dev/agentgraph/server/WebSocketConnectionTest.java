package dev.agentgraph.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentgraph.api.WebSocketConnection;
import dev.agentgraph.api.WebSocketEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link WebSocketConnection} that endpoints see: ordering, callbacks, close codes, query. */
class WebSocketConnectionTest {

    private WebServer server;
    private int p;

    @BeforeEach
    void start() throws Exception {
        server = Servers.start();
        p = server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String ws(String path) {
        return "ws://127.0.0.1:" + p + path;
    }

    @Test
    void framesArriveInTheOrderSentAndEveryCallbackIsCalled() throws Exception {
        int n = 2000;
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicInteger done = new AtomicInteger();
        server.routes().websocket("/stream", connection -> {
            for (int i = 0; i < n; i++) {
                connection.send("m" + i, failure -> {
                    if (failure != null) {
                        failures.add(failure);
                    }
                    done.incrementAndGet();
                });
            }
        });
        try (TestWs client = TestWs.connect(ws("/stream"))) {
            await().until(() -> client.frames.size() == n);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                expected.add("m" + i);
            }
            assertThat(client.frames).containsExactlyElementsOf(expected);
            await().until(() -> done.get() == n);
            assertThat(failures).isEmpty();
        }
    }

    @Test
    void outgoingFramesAreNotLimitedByTheInboundCap() throws Exception {
        String big = "x".repeat(1024 * 1024);
        server.routes().websocket("/stream", connection -> connection.send(big, null));
        try (TestWs client = TestWs.connect(ws("/stream"))) {
            await().until(() -> client.frames.size() == 1);
            assertThat(client.frames.get(0)).hasSize(big.length());
        }
    }

    @Test
    void closeSendsTheStatusCodeAndTheEndpointHearsOfItOnce() throws Exception {
        RecordingEndpoint endpoint = new RecordingEndpoint() {
            @Override
            public void onText(WebSocketConnection connection, String text) {
                super.onText(connection, text);
                connection.close(1008, "policy");
            }
        };
        server.routes().websocket("/stream", endpoint);
        try (TestWs client = TestWs.connect(ws("/stream"))) {
            client.socket().sendText("hello", true);
            assertThat(client.awaitClose()).isEqualTo(1008);
        }
        await().until(() -> endpoint.closeCodes.size() == 1);
        assertThat(endpoint.closeCodes).containsExactly(1008);
        assertThat(endpoint.texts).containsExactly("hello");
        WebSocketConnection c = endpoint.opened.get(0);
        assertThat(c.isOpen()).isFalse();
        List<Throwable> late = new CopyOnWriteArrayList<>();
        c.send("too late", late::add);
        assertThat(late).singleElement().isNotNull();
        await().until(() -> server.counters().get("websockets_open") == 0L);
    }

    @Test
    void clientCloseReachesTheEndpoint() throws Exception {
        RecordingEndpoint endpoint = new RecordingEndpoint();
        server.routes().websocket("/stream", endpoint);
        TestWs client = TestWs.connect(ws("/stream"));
        await().until(() -> endpoint.opened.size() == 1);
        client.socket().sendClose(1000, "bye").get(5, TimeUnit.SECONDS);
        await().until(() -> endpoint.closeCodes.equals(List.of(1000)));
        client.close();
    }

    @Test
    void queryAndRemoteAddressComeFromTheUpgradeRequest() throws Exception {
        RecordingEndpoint endpoint = new RecordingEndpoint();
        server.routes().websocket("/stream", endpoint);
        try (TestWs client = TestWs.connect(ws("/stream?since=42&name=a%20b"))) {
            await().until(() -> endpoint.opened.size() == 1);
            WebSocketConnection c = endpoint.opened.get(0);
            assertThat(c.query("since")).contains("42");
            assertThat(c.query("name")).contains("a b");
            assertThat(c.query("missing")).isEmpty();
            assertThat(c.remoteAddress()).startsWith("127.0.0.1:");
            assertThat(c.id()).isNotBlank();
            assertThat(c.isOpen()).isTrue();
        }
    }

    @Test
    void anEndpointThatThrowsOnOpenClosesOnlyItsConnection() throws Exception {
        server.routes().websocket("/broken", new WebSocketEndpoint() {
            @Override
            public void onOpen(WebSocketConnection connection) {
                throw new IllegalStateException("boom");
            }
        });
        try (TestWs client = TestWs.connect(ws("/broken"))) {
            assertThat(client.awaitClose()).isEqualTo(1011);
        }
        assertThat(server.counters().get("websocket_errors")).isEqualTo(1);
        assertThat(RawHttp.get(p, "/health", "Host: 127.0.0.1:" + p).status()).isEqualTo(200);
    }

    @Test
    void aPlainRequestOnAWebSocketPathIsABadRequest() throws Exception {
        server.routes().websocket("/stream", new RecordingEndpoint());
        assertThat(RawHttp.get(p, "/stream", "Host: 127.0.0.1:" + p).status()).isEqualTo(400);
        await().until(() -> server.counters().get("websockets_open") == 0L);
    }

    @Test
    void closingTheServerClosesItsWebSocketsInBoundedTime() throws Exception {
        RecordingEndpoint endpoint = new RecordingEndpoint();
        server.routes().websocket("/stream", endpoint);
        TestWs client = TestWs.connect(ws("/stream"));
        await().until(() -> endpoint.opened.size() == 1);
        long start = System.nanoTime();
        server.close();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
        assertThat(client.awaitClose()).isIn(1001, 1006);
        assertThat(endpoint.closeCodes).hasSize(1);
        client.close();
    }
}
