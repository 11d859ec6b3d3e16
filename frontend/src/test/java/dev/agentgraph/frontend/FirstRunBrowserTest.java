package dev.agentgraph.frontend;

import static dev.agentgraph.frontend.Events.sessionStart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A server that has seen nothing yet: the page says what to do (install the hooks, the file
 * watched) instead of drawing an orchestrator as if something were connected, and the hint
 * leaves at the first event.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the first-run state needs a server that has seen nothing
class FirstRunBrowserTest extends ConnectedPage {

    @Test
    @Order(1)
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

    @Test
    @Order(2)
    void theHealthPanelShowsEachSourceFromTheServersStats() {
        append(sessionStart("s-health", "/home/dev/health"), "this line is not JSON");
        WebElement toggle = browser.driver().findElement(By.id("health-toggle"));
        toggle.click();
        WebElement body = browser.driver().findElement(By.id("health-body"));
        // Polled every 5 s: the tail's count of bad lines arrives with a later poll.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(body.getText())
                .contains("jsonl-tail", "bad lines 1", "unknown events", "drops"));
        assertThat(browser.driver().findElement(By.id("health")).getAttribute("data-health")).isEqualTo("warning");
        browser.screenshot("health-panel");
        toggle.click();
        assertThat(body.isDisplayed()).isFalse();
    }
}
