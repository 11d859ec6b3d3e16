package dev.agentgraph.frontend;

import static dev.agentgraph.frontend.Events.done;
import static dev.agentgraph.frontend.Events.spawn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.agentgraph.testkit.EventFiles;
import dev.agentgraph.testkit.TestAgentGraph;
import dev.agentgraph.testkit.WsClient;

/**
 * The server goes away and comes back on the same port: the page says it is reconnecting, then
 * shows exactly what the new server has, with no ghost of the old graph and no duplicate.
 */
class ReconnectBrowserTest {

    @TempDir
    static Path dir;

    static Browser browser;

    @BeforeAll
    static void start() {
        browser = Browser.start(dir.resolve("chromium"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aRestartedServerGivesACorrectGraphWithoutGhostsOrDuplicates() {
        Path firstFile = dir.resolve("first.jsonl");
        TestAgentGraph first = LiveServer.start(firstFile, 0);
        int port = first.port();
        TestAgentGraph second = null;
        try {
            browser.open(first.http("/"));
            await().atMost(Duration.ofSeconds(15)).until(() -> "connected".equals(browser.badge()));
            EventFiles.append(firstFile, spawn("s-r", "old-1", "main", "sonnet", "Explore"),
                    spawn("s-r", "old-2", "old-1", "haiku", "Explore"), spawn("s-r", "kept", "main", "opus", "Plan"));
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.nodes("s-r", "old-2").size() == 1);

            first.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> "reconnecting".equals(browser.badge()));
            assertThat(browser.driver().findElement(org.openqa.selenium.By.id("badge")).getText()).isEqualTo("○ reconnecting");
            browser.screenshot("reconnecting");

            // A new server on the same port with its own file: "kept" and "fresh" are alive there, the old ones are not.
            Path secondFile = dir.resolve("second.jsonl");
            EventFiles.append(secondFile, spawn("s-r", "kept", "main", "opus", "Plan"));
            second = LiveServer.start(secondFile, port);
            EventFiles.append(secondFile, spawn("s-r", "fresh", "kept", "sonnet", "Explore"));
            TestAgentGraph server = second;
            await().atMost(Duration.ofSeconds(20)).until(() -> "connected".equals(browser.badge()));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(new TreeSet<>(browser.nodeKeys())).isEqualTo(serverNodes(server)));
            assertThat(browser.nodeKeys()).doesNotHaveDuplicates().doesNotContain("s-r/old-1", "s-r/old-2");
            assertThat(browser.nodes("s-r", "kept")).hasSize(1);
            assertThat(browser.js("return window.agentgraph.state().snapshots")).isEqualTo(2L);

            // And it stays live: a done on the new server removes the node.
            EventFiles.append(secondFile, done("s-r", "fresh", "functional"));
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.nodes("s-r", "fresh").isEmpty());
            assertThat(new TreeSet<>(browser.nodeKeys())).isEqualTo(serverNodes(server));
            browser.screenshot("reconnected");

            List<String> errors = browser.consoleErrors();
            assertThat(errors).allMatch(e -> e.contains("WebSocket connection to") || e.contains("ERR_CONNECTION_REFUSED"),
                    "only the refused connections while the server was down");
        } finally {
            first.close();
            if (second != null) {
                second.close();
            }
        }
    }

    @Test
    void aPageOpenedWithATokenStreamsWithIt() {
        Path file = dir.resolve("token.jsonl");
        try (TestAgentGraph server = LiveServer.start(file, 0, "s3cret-Token-0123456")) {
            browser.open(server.http("/").resolve("/?token=s3cret-Token-0123456"));
            await().atMost(Duration.ofSeconds(15)).until(() -> "connected".equals(browser.badge()));
            EventFiles.append(file, spawn("s-token", "t1", "main", "haiku", "Explore"));
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.nodes("s-token", "t1").size() == 1);
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    /** What the server says is alive, as the page keys its nodes: centres "session/main" and agents. */
    private static Set<String> serverNodes(TestAgentGraph server) {
        try (WsClient ws = WsClient.connect(server.ws("/stream"))) {
            JsonObject snapshot = ws.snapshot();
            Set<String> keys = new TreeSet<>();
            for (JsonElement s : snapshot.getAsJsonArray("sessions")) {
                keys.add(s.getAsJsonObject().get("session_id").getAsString() + "/main");
            }
            for (JsonElement a : snapshot.getAsJsonArray("alive")) {
                JsonObject o = a.getAsJsonObject();
                String session = o.has("session_id") ? o.get("session_id").getAsString() : "default";
                keys.add(session + "/main");
                keys.add(session + "/" + o.get("id").getAsString());
            }
            return keys;
        }
    }
}
