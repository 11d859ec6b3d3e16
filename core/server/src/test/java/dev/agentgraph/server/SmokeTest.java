package dev.agentgraph.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmokeTest {

    @Test
    void healthAnswersOkAndForeignHostIsRefused() throws Exception {
        try (WebServer server = WebServer.newServer(ServerSettings.defaults().withPort(0))) {
            server.start();
            int p = server.port();
            RawHttp.Reply ok = RawHttp.get(p, "/health", "Host: 127.0.0.1:" + p);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.text()).isEqualTo("ok");
            assertThat(RawHttp.get(p, "/health", "Host: evil.example:" + p).status()).isEqualTo(421);
        }
    }
}
