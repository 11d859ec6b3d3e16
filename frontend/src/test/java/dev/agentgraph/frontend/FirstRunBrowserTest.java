package dev.agentgraph.frontend;

import static dev.agentgraph.frontend.Events.sessionStart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A server that has seen nothing yet: the page says what to do (install the hooks, the file
 * watched) instead of drawing an orchestrator as if something were connected, and the hint
 * leaves at the first event.
 */
class FirstRunBrowserTest extends ConnectedPage {

    @Test
    void theFirstRunStateShowsWithNoEventsAndLeavesAtTheFirstOne() {
        WebElement hint = browser.driver().findElement(By.id("first-run"));
        await().atMost(Duration.ofSeconds(30)).until(hint::isDisplayed);
        assertThat(hint.getText()).contains("No events yet", "agentgraph hooks install", "agent-events.jsonl");
        assertThat(browser.driver().findElements(By.cssSelector("g.node"))).isEmpty();
        assertThat(browser.counter("spawned")).isEqualTo("0");
        browser.screenshot("first-run");

        append(sessionStart("s-first", "/home/dev/first"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !hint.isDisplayed() && browser.nodes("s-first", "main").size() == 1);
    }
}
