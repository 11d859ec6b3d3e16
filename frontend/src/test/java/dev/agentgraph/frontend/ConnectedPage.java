package dev.agentgraph.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentgraph.testkit.EventFiles;
import dev.agentgraph.testkit.TestAgentGraph;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real server and one headless Chromium for a test class, the page open and connected
 * before the first test; every test ends with an empty browser console.
 */
abstract class ConnectedPage {

    @TempDir
    static Path dir;

    static Path events;
    static TestAgentGraph server;
    static Browser browser;

    @BeforeAll
    static void openConnectedPage() {
        events = dir.resolve("agent-events.jsonl");
        server = LiveServer.start(events, 0);
        browser = Browser.start(dir.resolve("chromium"));
        browser.open(server.http("/"));
        await().atMost(Duration.ofSeconds(15)).until(() -> "connected".equals(browser.badge()));
    }

    @AfterAll
    static void closePage() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void noConsoleErrors() {
        assertThat(browser.consoleErrors()).isEmpty();
    }

    /** Appends whole lines to the event file the server follows. */
    static void append(String... lines) {
        EventFiles.append(events, lines);
    }
}
