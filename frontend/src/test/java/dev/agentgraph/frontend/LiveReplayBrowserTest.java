package dev.agentgraph.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentgraph.plugins.replay.ReplaySourceFactory;
import dev.agentgraph.testkit.TestAgentGraph;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * {@code agentgraph --replay FILE} in real Chromium: the page finds the server's replay, pauses it
 * with its button, jumps with the slider to chosen moments (forwards and back) and then shows
 * exactly the agents the recording has alive at each (worked out here from its own times), then
 * plays fast to the end.
 */
class LiveReplayBrowserTest {

    private static final Duration LONG = Duration.ofMinutes(1);
    private static final Instant T0 = Instant.parse("2026-05-02T13:00:00Z");
    private static final int AGENTS = 12;

    @TempDir
    Path dir;

    /** Agent i is spawned at i s and, when i is even, done 3 s later; the recording is 14 s. */
    private Path recording() throws Exception {
        List<String> lines = new ArrayList<>();
        List<Long> at = new ArrayList<>();
        add(lines, at, 0, "\"event\":\"session_start\",\"session_id\":\"s1\",\"cwd\":\"/home/dev/replay\"");
        for (int i = 0; i < AGENTS; i++) {
            add(lines, at, i * 1000L, "\"event\":\"agent_spawn\",\"session_id\":\"s1\",\"id\":\"a" + i
                    + "\",\"model\":\"claude-sonnet-4-6\",\"subagent_type\":\"Explore\"");
            if (i % 2 == 0) {
                add(lines, at, (i + 3) * 1000L, "\"event\":\"agent_done\",\"session_id\":\"s1\",\"id\":\"a" + i
                        + "\",\"outcome\":\"success\"");
            }
        }
        add(lines, at, 14_000, "\"event\":\"tool_use\",\"session_id\":\"s1\",\"agent_id\":\"a11\",\"tool\":\"Read\"");
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Long.compare(at.get(a), at.get(b)));
        Path file = dir.resolve("recorded.jsonl");
        Files.write(file, order.stream().map(lines::get).toList(), StandardCharsets.UTF_8);
        return file;
    }

    private static void add(List<String> lines, List<Long> at, long ms, String members) {
        lines.add("{\"ts\":\"" + T0.plusMillis(ms) + "\"," + members + "}");
        at.add(ms);
    }

    private static List<String> aliveAt(long ms) {
        TreeSet<String> alive = new TreeSet<>();
        for (int i = 0; i < AGENTS; i++) {
            if (i * 1000L <= ms && !(i % 2 == 0 && (i + 3) * 1000L <= ms)) {
                alive.add("s1/a" + i);
            }
        }
        return List.copyOf(alive);
    }

    @Test
    void theSliderJumpsTheServersReplayToAMomentAndThePageShowsWhatWasAliveThen() throws Exception {
        Path file = recording();
        try (TestAgentGraph server = LiveServer.builder(dir.resolve("agent-events.jsonl"), 0)
                .component(new ReplaySourceFactory()).set("plugin.replay.enabled", "true")
                .set("plugin.replay.file", file.toString()).set("plugin.replay.speed", "1").start();
             Browser browser = Browser.start(dir.resolve("chromium"))) {
            browser.open(server.http("/"));
            try {
                await().atMost(LONG).until(() -> {
                    Map<?, ?> p = browser.player();
                    return p != null && Boolean.TRUE.equals(p.get("server")) && number(p, "end") == 14_000;
                });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("no replay controls: " + browser.consoleErrors(), e);
            }
            browser.driver().findElement(By.id("play-toggle")).click();
            await().atMost(LONG).until(() -> !(Boolean) browser.player().get("playing"));

            for (long ms : new long[] {6_500, 2_500, 10_000}) {
                browser.js("const s = document.getElementById('seek'); s.value = arguments[0];"
                        + " s.dispatchEvent(new Event('input')); s.dispatchEvent(new Event('change'));", ms);
                await().atMost(LONG).until(() -> number(browser.player(), "t") == ms);
                await().atMost(LONG).untilAsserted(() -> assertThat(browser.aliveAgents()).as("alive at " + ms + " ms")
                        .isEqualTo(aliveAt(ms)));
                if (ms == 6_500) {
                    browser.screenshot("live-replay-jumped");
                }
            }

            new Select(browser.driver().findElement(By.id("play-speed"))).selectByValue("50");
            browser.driver().findElement(By.id("play-toggle")).click();
            await().atMost(LONG).until(() -> {
                Map<?, ?> p = browser.player();
                return !(Boolean) p.get("playing") && number(p, "t") == 14_000;
            });
            await().atMost(LONG).untilAsserted(() -> assertThat(browser.aliveAgents()).isEqualTo(aliveAt(14_000)));
            assertThat(number(browser.player(), "speed")).isEqualTo(50);
            browser.screenshot("live-replay-end");
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    private static long number(Map<?, ?> p, String name) {
        return ((Number) p.get(name)).longValue();
    }
}
