package dev.agentgraph.frontend;

import static dev.agentgraph.frontend.Events.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.agentgraph.runtime.cli.ExportCommand;
import dev.agentgraph.testkit.TestAgentGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * {@code agentgraph export}: a recording (real Claude Code hook lines and canonical events) goes
 * through a real server into one HTML file; with the server stopped, that file opened from
 * {@code file://} plays the run with its slider and ends with the alive set the live page showed.
 */
class ExportBrowserTest {

    private static final Duration LONG = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    @Test
    void theExportedRunPlaysFromAFileAndEndsWithTheLiveAliveSet() throws Exception {
        Path recording = dir.resolve("run.jsonl");
        List<String> lines = new ArrayList<>();
        for (String l : Fixtures.lines("claude-code/session-nested-subagents.jsonl")) {
            if (l.contains("\"SubagentStop\"")) {
                break; // its agents are still alive at the end
            }
            lines.add(l);
        }
        // The hook lines are stamped when the server receives them; the canonical part comes after.
        Instant t0 = Instant.now().plusSeconds(30).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        lines.add(line("session_start", "session_id", "s-run", "cwd", "/home/dev/run", "ts", t0.toString()));
        for (int i = 0; i < 6; i++) {
            lines.add(line("agent_spawn", "session_id", "s-run", "id", "r" + i, "model", "claude-sonnet-4-6",
                    "subagent_type", "Explore", "ts", t0.plusSeconds(1 + i).toString()));
        }
        lines.add(line("agent_done", "session_id", "s-run", "id", "r0", "outcome", "functional", "ts", t0.plusSeconds(8).toString()));
        lines.add(line("agent_done", "session_id", "s-run", "id", "r1", "outcome", "failure", "ts", t0.plusSeconds(9).toString()));
        Files.write(recording, lines, StandardCharsets.UTF_8);

        Path html = dir.resolve("run.html");
        List<String> live;
        try (TestAgentGraph server = LiveServer.start(dir.resolve("agent-events.jsonl"), 0)) {
            List<String> frames = ExportCommand.record(server.http("/stream"), null, server::stats,
                    () -> ExportCommand.feed(recording, server::emit));
            Files.writeString(html, ExportCommand.bundle(server.http("/"), null, frames), StandardCharsets.UTF_8);
            try (Browser browser = Browser.start(dir.resolve("chromium-live"))) {
                browser.open(server.http("/"));
                await().atMost(LONG).until(() -> "connected".equals(browser.badge()) && !browser.aliveAgents().isEmpty());
                live = browser.aliveAgents();
            }
        }
        assertThat(live).contains("s-run/r2", "s-run/r5").doesNotContain("s-run/r0", "s-run/r1");
        Files.createDirectories(Browser.SCREENSHOTS);
        Files.copy(html, Browser.SCREENSHOTS.resolve("exported-run.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String text = Files.readString(html);
        assertThat(text).doesNotContain("src=\"/", "href=\"style.css\"", "src=\"app.js\"");

        // The server is gone: the file plays on its own.
        try (Browser browser = Browser.start(dir.resolve("chromium-file"))) {
            browser.open(html.toUri());
            try {
                await().atMost(LONG).until(() -> browser.js("return window.agentgraph && window.agentgraph.state().player") != null);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("the exported page did not start: " + browser.consoleErrors(), e);
            }
            // It plays from the start as it opens; faster, please.
            new Select(browser.driver().findElement(By.id("play-speed"))).selectByValue("50");
            await().atMost(LONG).until(() -> {
                Map<?, ?> p = browser.player();
                return !(Boolean) p.get("playing") && ((Number) p.get("t")).longValue() == ((Number) p.get("end")).longValue();
            });
            await().atMost(LONG).until(() -> browser.aliveAgents().equals(live));
            browser.screenshot("exported-run-end");

            // The slider jumps to any moment: at the start of the canonical part only r0 is alive there.
            long start = ((Number) browser.player().get("start")).longValue();
            long r0Spawned = t0.plusSeconds(1).toEpochMilli() - start + 500; // r1 comes a second later
            browser.js("const s = document.getElementById('seek'); s.value = arguments[0]; s.dispatchEvent(new Event('input'));", r0Spawned);
            await().atMost(LONG).until(() -> browser.aliveAgents().stream().filter(k -> k.startsWith("s-run/")).toList().equals(List.of("s-run/r0")));
            browser.js("const s = document.getElementById('seek'); s.value = s.max; s.dispatchEvent(new Event('input'));");
            await().atMost(LONG).until(() -> browser.aliveAgents().equals(live));
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }
}
