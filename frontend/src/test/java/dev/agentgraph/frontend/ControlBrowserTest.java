package dev.agentgraph.frontend;

import static dev.agentgraph.frontend.Events.done;
import static dev.agentgraph.frontend.Events.line;
import static dev.agentgraph.frontend.Events.spawn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentgraph.testkit.EventFiles;
import dev.agentgraph.testkit.TestAgentGraph;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Control from the page (issue 14), on a server run with {@code --control}: click a node, its
 * Stop button, confirm, and the node shows it is stopping (and the server denies its calls);
 * Hold and Release on a session's centre; nothing offered for a Gemini session, whose hooks
 * cannot deny a call.
 */
class ControlBrowserTest {

    @TempDir
    static Path dir;
    static Path events;
    static TestAgentGraph server;
    static Browser browser;

    @BeforeAll
    static void open() {
        events = dir.resolve("agent-events.jsonl");
        server = LiveServer.builder(events, 0).set("server.control", "true").start();
        browser = Browser.start(dir.resolve("chromium"));
        browser.open(server.http("/"));
        await().atMost(Duration.ofSeconds(15)).until(() -> "connected".equals(browser.badge())
                && "on".equals(browser.driver().findElement(By.tagName("body")).getAttribute("data-control")));
    }

    @AfterAll
    static void close() {
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

    private static WebElement node(String session, String id) {
        List<WebElement> found = browser.nodes(session, id);
        return found.isEmpty() ? null : found.get(0);
    }

    private static void click(WebElement card, String action) {
        await().atMost(Duration.ofSeconds(5)).until(() -> !card.findElements(By.cssSelector("button[data-action='" + action + "']")).isEmpty());
        card.findElement(By.cssSelector("button[data-action='" + action + "']")).click();
    }

    @Test
    void clickANodeThenStopThenConfirmAndTheNodeShowsItIsStopping() {
        String s = "s-ctl-stop";
        EventFiles.append(events, line("session_start", "session_id", s, "cwd", "/work/shop", "runtime", "claude-code"),
                spawn(s, "a-loop", "main", "claude-haiku-4-5-20251001", "Explore"),
                spawn(s, "a-calm", "main", "claude-haiku-4-5-20251001", "Plan"));
        await().atMost(Duration.ofSeconds(15)).until(() -> node(s, "a-loop") != null && node(s, "a-calm") != null);

        WebElement card = browser.showCard(s, "a-loop", true);
        click(card, "stop");
        assertThat(card.getText()).contains("Stop this agent?");
        assertThat(server.graph().controls().denial(s, "a-loop", "Read")).as("nothing happens before the confirm").isEmpty();
        click(card, "confirm");

        await().atMost(Duration.ofSeconds(10)).until(() -> "true".equals(node(s, "a-loop").getAttribute("data-stopping")));
        WebElement stopping = node(s, "a-loop");
        assertThat(stopping.getAttribute("class")).contains("stopping");
        assertThat(stopping.findElement(By.cssSelector("text.name")).getText()).startsWith("stopping");
        await().atMost(Duration.ofSeconds(5)).until(() -> card.getText().contains("stopping: its tool calls are denied"));
        assertThat(card.findElements(By.cssSelector("button[data-action='stop']"))).as("no second Stop").isEmpty();
        assertThat(server.graph().controls().denial(s, "a-loop", "Read")).isPresent();
        assertThat(server.graph().controls().denial(s, "a-calm", "Read")).isEmpty();
        assertThat(node(s, "a-calm").getAttribute("data-stopping")).isNull();
        browser.screenshot("control-stopping");

        EventFiles.append(events, done(s, "a-loop", "interrupted"));
        await().atMost(Duration.ofSeconds(10)).until(() -> node(s, "a-loop") == null);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.graph().controls().denial(s, "a-loop", "Read").isEmpty());
    }

    @Test
    void holdAndReleaseASessionFromItsCentre() {
        String s = "s-ctl-hold";
        EventFiles.append(events, line("session_start", "session_id", s, "cwd", "/work/api", "runtime", "claude-code"),
                spawn(s, "h-1", "main", "claude-haiku-4-5-20251001", "Explore"));
        await().atMost(Duration.ofSeconds(15)).until(() -> node(s, "main") != null);

        WebElement card = browser.showCard(s, "main", true);
        click(card, "hold");
        click(card, "confirm");
        await().atMost(Duration.ofSeconds(10)).until(() -> "true".equals(node(s, "main").getAttribute("data-held")));
        assertThat(server.graph().controls().denial(s, null, "Agent")).isPresent();
        assertThat(server.graph().controls().denial(s, null, "Bash")).isEmpty();

        click(card, "release");
        click(card, "confirm");
        await().atMost(Duration.ofSeconds(10)).until(() -> node(s, "main").getAttribute("data-held") == null);
        assertThat(server.graph().controls().denial(s, null, "Agent")).isEmpty();
    }

    @Test
    void aCancelledConfirmChangesNothingAndAGeminiSessionOffersNoAction() {
        String s = "s-ctl-cancel";
        String g = "s-ctl-gemini";
        EventFiles.append(events, line("session_start", "session_id", s, "cwd", "/work/web", "runtime", "claude-code"),
                spawn(s, "c-1", "main", "claude-haiku-4-5-20251001", "Explore"),
                line("session_start", "session_id", g, "cwd", "/work/ml", "runtime", "gemini"),
                spawn(g, "g-1", "main", "gemini-2.5-pro", "codebase_investigator"));
        await().atMost(Duration.ofSeconds(15)).until(() -> node(s, "c-1") != null && node(g, "g-1") != null);

        WebElement card = browser.showCard(s, "c-1", true);
        click(card, "stop");
        click(card, "cancel");
        await().atMost(Duration.ofSeconds(5)).until(() -> !card.findElements(By.cssSelector("button[data-action='stop']")).isEmpty());
        assertThat(server.graph().controls().denial(s, "c-1", "Read")).isEmpty();

        WebElement gemini = browser.showCard(g, "g-1", true);
        assertThat(gemini.findElements(By.cssSelector(".card-actions button"))).isEmpty();
        WebElement geminiCentre = browser.showCard(g, "main", true);
        assertThat(geminiCentre.findElements(By.cssSelector(".card-actions button"))).isEmpty();
    }
}
