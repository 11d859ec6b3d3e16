package dev.agentgraph.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact Host and Origin allow-list, including binding off loopback and extra host names. */
class AllowListTest {

    @Test
    void loopbackNamesWithTheActualPortOnly() {
        AllowList a = AllowList.of("127.0.0.1", List.of(), 8201);
        assertThat(a.hosts()).containsExactlyInAnyOrder("127.0.0.1:8201", "localhost:8201", "[::1]:8201");
        assertThat(a.host("LocalHost:8201")).isTrue();
        assertThat(a.host("localhost")).isFalse();
        assertThat(a.host("localhost.:8201")).isFalse();
        assertThat(a.host(null)).isFalse();
        assertThat(a.origin("http://[::1]:8201")).isTrue();
        assertThat(a.origin("https://127.0.0.1:8201")).isFalse();
        assertThat(a.origin("http://127.0.0.1:8201/")).isFalse();
    }

    @Test
    void boundHostAndExtraHostsAreAddedWithThePort() {
        AllowList a = AllowList.of("192.168.1.5", List.of("Dash.Example", "proxy.example:443", "fd00::7", "[fd00::8]:9000"), 8201);
        assertThat(a.hosts()).contains("192.168.1.5:8201", "dash.example:8201", "proxy.example:443", "[fd00::7]:8201",
                "[fd00::8]:9000");
        assertThat(a.origin("http://dash.example:8201")).isTrue();
        assertThat(a.origin("http://192.168.1.5:8201")).isTrue();
        assertThat(a.host("dash.example")).isFalse();
    }

    @Test
    void wildcardBindIsNotAHostName() {
        assertThat(AllowList.of("0.0.0.0", List.of(), 8201).hosts()).doesNotContain("0.0.0.0:8201");
        assertThat(AllowList.of("::", List.of(), 8201).hosts()).hasSize(3);
    }

    @Test
    void port80AlsoAcceptsTheBareName() {
        assertThat(AllowList.of("127.0.0.1", List.of(), 80).host("localhost")).isTrue();
    }

    @Test
    void nonLoopbackBindIsAcceptedWithAToken() {
        WebServer server = WebServer.newServer(ServerSettings.defaults().withHost("0.0.0.0").withToken("t0ken"));
        assertThat(server.host()).isEqualTo("0.0.0.0");
        server.close();
    }

    @Test
    void configuredExtraHostIsServedAndMayOpenWebSockets() throws Exception {
        try (WebServer server = Servers.start(ServerSettings.defaults().withAllowedHosts(List.of("agentgraph.test")))) {
            int p = server.port();
            RecordingEndpoint stream = new RecordingEndpoint();
            server.routes().websocket("/stream", stream);
            assertThat(RawHttp.get(p, "/health", "Host: agentgraph.test:" + p).status()).isEqualTo(200);
            assertThat(RawHttp.upgrade(p, "/stream", "Host: agentgraph.test:" + p, "Origin: http://agentgraph.test:" + p)
                    .status()).isEqualTo(101);
            assertThat(RawHttp.get(p, "/health", "Host: other.test:" + p).status()).isEqualTo(421);
            await().until(() -> stream.opened.size() == 1);
        }
    }
}
