package dev.agentgraph.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * Real payloads captured from Claude Code 2.1.270 (the payloads of one session of
 * {@code payloads.jsonl}), each through the real sh hook into the event file: the sub-agent is
 * drawn without a model until the {@code PostToolUse} of {@code Agent} reveals
 * {@code resolvedModel}, then in haiku's colour, while it still runs.
 */
class RealModelColourBrowserTest extends ConnectedPage {

    private static final Path HOOK = Path.of("..", "hooks", "agentgraph-hook.sh").toAbsolutePath();
    private static final String SESSION = "d787d05d-bcd7-4f4b-85b5-c531aaf2a430";
    private static final String AGENT = "a01ba92504d73e391";

    private static void hook(String payload) {
        try {
            ProcessBuilder pb = new ProcessBuilder("sh", HOOK.toString()).redirectErrorStream(true);
            pb.environment().put("AGENTGRAPH_EVENTS", events.toString());
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(payload.getBytes(StandardCharsets.UTF_8));
            }
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String classOf() {
        List<WebElement> nodes = browser.nodes(SESSION, AGENT);
        return nodes.isEmpty() ? null : nodes.get(0).getAttribute("class");
    }

    @Test
    void aRealSubagentTakesItsModelsColourBeforeItFinishes() {
        List<String> session = Fixtures.lines("claude-code-real/payloads.jsonl").stream()
                .filter(l -> l.contains("\"session_id\":\"" + SESSION.substring(0, 8))).toList();
        assertThat(session.get(0)).contains(SESSION);
        for (String line : session.subList(0, 4)) { // through SubagentStart: no model revealed yet
            hook(line);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> classOf() != null);
        assertThat(classOf()).contains("agent").doesNotContain("model-haiku");
        hook(session.get(4)); // PostToolUse(Agent), async_launched, resolvedModel claude-haiku-4-5-20251001
        await().atMost(Duration.ofSeconds(15)).until(() -> classOf().contains("model-haiku"));
        WebElement node = browser.nodes(SESSION, AGENT).get(0);
        String fill = (String) browser.js("return getComputedStyle(arguments[0].querySelector('circle.body')).fill", node);
        assertThat(fill).as("haiku's colour, #3b82f6").isEqualTo("rgb(59, 130, 246)");
        browser.screenshot("real-subagent-haiku");
        for (String line : session.subList(5, session.size())) {
            hook(line);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> browser.nodes(SESSION, AGENT).isEmpty());
    }
}
