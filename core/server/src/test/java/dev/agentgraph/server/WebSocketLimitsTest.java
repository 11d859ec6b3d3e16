package dev.agentgraph.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentgraph.api.WebSocketConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rows 18 and 19 of SECURITY.md: the inbound message cap and the connection cap. */
class WebSocketLimitsTest {

    private WebServer server;
    private int p;
    private final RecordingEndpoint stream = new RecordingEndpoint();

    @BeforeEach
    void start() throws Exception {
        server = Servers.start();
        p = server.port();
        server.routes().websocket("/stream", stream);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void row18_oneMebibyteMessageClosesWith1009AndTheServerStaysHealthy() throws Exception {
        try (TestWs client = TestWs.connect("ws://127.0.0.1:" + p + "/stream")) {
            String justUnder = "a".repeat(60 * 1024);
            client.socket().sendText(justUnder, true).get(5, TimeUnit.SECONDS);
            await().until(() -> stream.texts.size() == 1);
            assertThat(stream.texts.get(0)).hasSize(justUnder.length());

            client.socket().sendText("b".repeat(1024 * 1024), true);
            assertThat(client.awaitCloseOrBreak()).isIn(1009, TestWs.BROKEN);
        }
        await().until(() -> stream.closeCodes.contains(1009));
        assertThat(stream.texts).hasSize(1);
        await().until(() -> server.counters().get("websockets_open") == 0L);
        assertThat(RawHttp.get(p, "/health", "Host: 127.0.0.1:" + p).status()).isEqualTo(200);
        try (TestWs again = TestWs.connect("ws://127.0.0.1:" + p + "/stream")) {
            await().until(() -> stream.opened.size() == 2);
        }
    }

    @Test
    void row18_aBinaryMessageOverTheCapClosesWith1009Too() throws Exception {
        try (TestWs client = TestWs.connect("ws://127.0.0.1:" + p + "/stream")) {
            await().until(() -> stream.opened.size() == 1);
            client.socket().sendBinary(java.nio.ByteBuffer.wrap(new byte[1024 * 1024]), true);
            assertThat(client.awaitCloseOrBreak()).isIn(1009, TestWs.BROKEN);
        }
        await().until(() -> stream.closeCodes.contains(1009));
        await().until(() -> server.counters().get("websockets_open") == 0L);
        assertThat(RawHttp.get(p, "/health", "Host: 127.0.0.1:" + p).status()).isEqualTo(200);
    }

    @Test
    void row19_fiveHundredUpgradesAtOnceAreCappedAndTheExcessRefused() throws Exception {
        int attempts = 500;
        int cap = ServerSettings.defaults().maxWebSockets();
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < attempts; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", p), 5_000);
                s.setSoTimeout(15_000);
                sockets.add(s);
            }
            byte[] upgrade = upgradeRequest();
            for (Socket s : sockets) {
                s.getOutputStream().write(upgrade);
            }
            int accepted = 0;
            int refused = 0;
            for (Socket s : sockets) {
                int status = statusOf(s);
                if (status == 101) {
                    accepted++;
                } else if (status == 503) {
                    refused++;
                }
            }
            assertThat(accepted).isEqualTo(cap);
            assertThat(refused).isEqualTo(attempts - cap);
            assertThat(server.counters()).containsEntry("websockets_open", (long) cap)
                    .containsEntry("refused_websocket_limit", (long) (attempts - cap));
            assertThat(RawHttp.get(p, "/health", "Host: 127.0.0.1:" + p).status()).isEqualTo(200);
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
        // Slots come back as the connections go, and new clients get in again.
        await().atMost(Duration.ofSeconds(15)).until(() -> server.counters().get("websockets_open") == 0L);
        assertThat(RawHttp.upgrade(p, "/stream", "Host: 127.0.0.1:" + p).status()).isEqualTo(101);
    }

    @Test
    void aClientThatStoppedReadingIsCutOffAfterTheCloseAndGivesItsSlotBack() throws Exception {
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("127.0.0.1", p), 5_000);
            stalled.setSoTimeout(10_000);
            assertThat(RawHttp.upgradeOn(stalled, "/stream", "Host: 127.0.0.1:" + p).status()).isEqualTo(101);
            await().until(() -> stream.opened.size() == 1);
            WebSocketConnection connection = stream.opened.get(0);
            String frame = "x".repeat(16 * 1024);
            for (int i = 0; i < 2_000; i++) {
                connection.send(frame, failure -> { });
            }
            connection.close(1013, "too slow");
            // The client never reads, so the close handshake cannot complete; the slot must still come back.
            await().atMost(Duration.ofSeconds(10)).until(() -> server.counters().get("websockets_open") == 0L);
            await().until(() -> stream.closeCodes.size() == 1);
        }
    }

    private byte[] upgradeRequest() {
        StringBuilder b = new StringBuilder("GET /stream HTTP/1.1\r\nHost: 127.0.0.1:").append(p);
        for (String h : RawHttp.upgradeHeaders()) {
            b.append("\r\n").append(h);
        }
        return b.append("\r\nConnection: Upgrade\r\n\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static int statusOf(Socket s) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = s.getInputStream().read()) != -1 && c != '\n') {
            line.append((char) c);
        }
        String[] parts = line.toString().split(" ");
        return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
    }
}
