package dev.agentgraph.frontend;

import static dev.agentgraph.frontend.Events.line;
import static dev.agentgraph.frontend.Events.spawn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A Claude Code, a Codex and a Gemini session side by side: each centre carries its runtime's
 * mark, the legend explains the marks, and each card names the runtime.
 */
class RuntimesBrowserTest extends ConnectedPage {

    private static WebElement centre(String session) {
        List<WebElement> found = browser.nodes(session, "main");
        return found.isEmpty() ? null : found.get(0);
    }

    @Test
    void threeRuntimesAreToldApart() {
        String[][] sessions = {{"s-rt-claude", "claude-code", "CC"}, {"s-rt-codex", "codex", "CX"},
            {"s-rt-gemini", "gemini", "GM"}};
        for (String[] s : sessions) {
            append(line("session_start", "session_id", s[0], "cwd", "/work/" + s[1], "runtime", s[1]),
                    spawn(s[0], s[0] + "-a", "main", "claude-haiku-4-5-20251001", "Explore"));
        }
        for (String[] s : sessions) {
            await().atMost(Duration.ofSeconds(15)).until(() -> centre(s[0]) != null
                    && s[2].equals(centre(s[0]).findElement(By.cssSelector("text.runtime")).getText()));
            assertThat(centre(s[0]).getAttribute("data-runtime")).isEqualTo(s[1]);
        }
        assertThat(browser.driver().findElement(By.cssSelector(".legend")).getText())
                .contains("CC Claude Code", "CX Codex", "GM Gemini");
        WebElement card = browser.showCard("s-rt-codex", "main", true);
        assertThat(card.getText()).contains("codex");
        browser.screenshot("three-runtimes");
    }
}
