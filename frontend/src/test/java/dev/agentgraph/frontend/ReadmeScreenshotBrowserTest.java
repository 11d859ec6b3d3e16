package dev.agentgraph.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import dev.agentgraph.plugins.demo.DemoSourceFactory;
import dev.agentgraph.testkit.TestAgentGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo swarm (`agentgraph --demo`) in a 1280×800 and a 1920×1080 window: it draws with no
 * console error. Run with {@code -Dagentgraph.screenshot=FILE} (for example
 * {@code $PWD/docs/screenshot.png}) it also writes the 1280×800 picture there: that is how the
 * README's picture is made.
 */
class ReadmeScreenshotBrowserTest {

    @TempDir
    Path dir;

    @Test
    void theDemoSwarmDrawsAndCanRegenerateTheReadmePicture() throws IOException {
        try (TestAgentGraph server = LiveServer.builder(dir.resolve("agent-events.jsonl"), 0)
                .component(new DemoSourceFactory())
                .set("plugin.demo.enabled", "true")
                .set("plugin.demo.speed", "2")
                .start()) {
            Path small = shoot(server, 1280, 800, "demo-1280x800");
            shoot(server, 1920, 1080, "demo-1920x1080");
            String target = System.getProperty("agentgraph.screenshot", "");
            if (!target.isBlank()) {
                Files.copy(small, Path.of(target), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Opens the page, waits for the swarm (a dozen agents in three or more sessions) and saves a picture. */
    private Path shoot(TestAgentGraph server, int width, int height, String name) {
        try (Browser browser = Browser.start(dir.resolve("chromium-" + width), width, height)) {
            browser.open(server.http("/"));
            // The demo keeps spawning and ends every loop; the picture is taken at a moment of the
            // swarm when the layout has nearly come to rest (the demo loops: another comes if missed).
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50)).until(() -> (Boolean) browser.js(
                    "return document.querySelectorAll('g.node.agent:not(.leaving)').length >= 12"
                    + " && document.querySelectorAll('g.node.centre').length >= 3"
                    + " && window.agentgraph.state().alpha < 0.08"));
            assertThat(browser.driver().findElement(org.openqa.selenium.By.id("first-run")).isDisplayed()).isFalse();
            Path png = browser.screenshot(name);
            assertThat(browser.consoleErrors()).isEmpty();
            return png;
        }
    }
}
