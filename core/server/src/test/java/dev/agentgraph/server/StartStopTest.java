package dev.agentgraph.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Starting on a busy port, the port reported, and closing. */
class StartStopTest {

    @Test
    void aBusyPortIsOneClearLineNamingHostAndPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            WebServer server = WebServer.newServer(ServerSettings.defaults().withPort(port));
            assertThatThrownBy(server::start)
                    .isInstanceOf(ServerStartException.class)
                    .hasMessage("port " + port + " on 127.0.0.1 is already in use");
            server.close();
        }
    }

    @Test
    void anUnknownHostIsOneClearLine() {
        WebServer server = WebServer.newServer(ServerSettings.defaults().withHost("no-such-host.invalid").withPort(0)
                .withToken("t"));
        assertThatThrownBy(server::start).isInstanceOf(ServerStartException.class)
                .hasMessageContaining("no-such-host.invalid")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        server.close();
    }

    @Test
    void portIsTheBoundPortAndCloseIsIdempotent() throws Exception {
        WebServer server = WebServer.newServer(ServerSettings.defaults().withPort(0));
        assertThat(server.port()).isZero();
        server.start();
        assertThat(server.port()).isPositive();
        assertThat(server.host()).isEqualTo("127.0.0.1");
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
        int port = server.port();
        server.close();
        server.close();
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(again.getLocalPort()).isEqualTo(port); // the port was really released
        }
    }

    @Test
    void localhostIsLoopbackAndNeedsNoToken() throws Exception {
        try (WebServer server = Servers.start(ServerSettings.defaults().withHost("localhost"))) {
            assertThat(RawHttp.get(server.port(), "/health", "Host: localhost:" + server.port()).status()).isEqualTo(200);
        }
    }

    @Test
    void settingsValidateTheirValues() {
        assertThatThrownBy(() -> ServerSettings.defaults().withPort(70000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerSettings.defaults().withMaxWebSockets(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerSettings.defaults().withHost(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ServerSettings.defaults().withToken("  ").token()).isNull();
        ServerSettings d = ServerSettings.defaults();
        assertThat(d.host()).isEqualTo("127.0.0.1");
        assertThat(d.port()).isEqualTo(8201);
        assertThat(d.maxWebSockets()).isEqualTo(256);
        assertThat(d.maxWebSocketMessageBytes()).isEqualTo(65536);
        assertThat(d.allowedHosts()).isEmpty();
    }
}
