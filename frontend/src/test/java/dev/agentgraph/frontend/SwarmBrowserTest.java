package dev.agentgraph.frontend;

import static dev.agentgraph.frontend.Events.line;
import static dev.agentgraph.frontend.Events.sessionStart;
import static dev.agentgraph.frontend.Events.spawn;
import static dev.agentgraph.frontend.Events.toolUse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;


/**
 * A live swarm: real Claude Code hook payloads (two interleaved sessions and a nested chain,
 * cut before their sub-agents stop) decoded by the Claude Code plugin, plus a third-party
 * session in canonical events, while tool calls keep arriving. Saves the screenshots of it.
 */
class SwarmBrowserTest extends ConnectedPage {

    static final String MYREPO = "43a08f06-d129-416f-824d-963866465d28";
    static final String SHOP = "bd313bee-bd1e-4f9e-8a71-67fd429a7079";
    static final String NESTED = "d42fddbb-b12a-4295-8842-348805e999f3";

    @BeforeAll
    static void feedTheSwarm() {
        append(firstLinesBeforeAStop("claude-code/two-sessions-interleaved.jsonl"));
        append(firstLinesBeforeAStop("claude-code/session-nested-subagents.jsonl"));
        append(sessionStart("s-web", "/home/dev/webapp"),
                line("agent_spawn", "session_id", "s-web", "id", "lead", "model", "claude-opus-4-7",
                        "subagent_type", "architect", "description", "Split the web app into services"),
                spawn("s-web", "api", "lead", "claude-sonnet-4-6", "backend"),
                spawn("s-web", "ui", "lead", "claude-sonnet-4-6", "frontend"),
                spawn("s-web", "tests", "lead", "claude-sonnet-4-6", "tester"),
                spawn("s-web", "db", "api", "claude-haiku-4-5", "Explore"),
                spawn("s-web", "auth", "api", "claude-haiku-4-5", "Explore"),
                spawn("s-web", "css", "ui", "claude-haiku-4-5", "Explore"),
                line("agent_spawn", "session_id", "s-web", "id", "docs", "parent_id", "lead", "parent_inferred", true,
                        "model", "gpt-5", "subagent_type", "writer"),
                spawn("s-web", "perf", "main", "claude-opus-4-7", "profiler"),
                sessionStart("s-ops", "/home/dev/infra"),
                spawn("s-ops", "deploy", "main", "claude-sonnet-4-6", "deployer"),
                line("waiting", "session_id", "s-ops", "message", "Claude needs your permission to use Bash"));
    }


    private static String[] firstLinesBeforeAStop(String fixture) {
        List<String> lines = new ArrayList<>();
        for (String l : Fixtures.lines(fixture)) {
            if (l.contains("\"SubagentStop\"")) {
                break;
            }
            lines.add(l);
        }
        return lines.toArray(String[]::new);
    }

    @Test
    void claudeCodeSessionsAndNestedAgentsBranchFromTheirTrueParents() {
        await().atMost(Duration.ofSeconds(15)).until(() -> browser.nodes(NESTED, "ae50454f31af31768").size() == 1);
        assertThat(parentOf(NESTED, "aa767c76fb008f86b")).isEqualTo("main");
        assertThat(parentOf(NESTED, "aec255404e4fb4400")).isEqualTo("aa767c76fb008f86b");
        assertThat(parentOf(NESTED, "ae50454f31af31768")).isEqualTo("aec255404e4fb4400");
        assertThat(parentOf(SHOP, "aee737443e2104719")).isEqualTo("a725a2a7b860dcd6c");
        assertThat(parentOf(SHOP, "ad287db7f1adbc609")).isEqualTo("aee737443e2104719");
        assertThat(browser.nodes(MYREPO, "a41d4072014b3ce10")).hasSize(1);
        assertThat(browser.nodes(MYREPO, "a8c662248b483b7ff")).hasSize(1);
        // Two sessions in the same project get told apart by their session id.
        assertThat(centreLabel(SHOP)).startsWith("shop · bd313bee");
        assertThat(centreLabel(NESTED)).startsWith("shop · d42fddbb");
        assertThat(centreLabel(MYREPO)).isEqualTo("myrepo");
        assertThat(browser.nodeKeys()).doesNotHaveDuplicates();
    }

    @Test
    void liveSwarmScreenshots() throws InterruptedException {
        await().atMost(Duration.ofSeconds(15)).until(() -> browser.nodes("s-ops", "deploy").size() == 1
                && browser.nodes(NESTED, "ae50454f31af31768").size() == 1);
        assertThat(browser.nodes("s-ops", "main").get(0).getAttribute("class")).contains("waiting");
        String[][] busy = {{"s-web", "api", "Bash"}, {"s-web", "ui", "Edit"}, {"s-web", "db", "Grep"},
                {"s-web", "tests", "Bash"}, {NESTED, "ae50454f31af31768", "Grep"}, {SHOP, "a725a2a7b860dcd6c", "Read"},
                {MYREPO, "a8c662248b483b7ff", "Read"}, {"s-web", "css", "Read"}, {"s-web", "lead", "Write"}};
        ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();
        int[] n = {0};
        feeder.scheduleAtFixedRate(() -> {
            String[] b = busy[n[0]++ % busy.length];
            append(toolUse(b[0], b[1], b[2]));
        }, 0, 120, TimeUnit.MILLISECONDS);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> Integer.parseInt(browser.counter("tools")) >= 20);
            browser.screenshot("swarm");

            WebElement toggle = browser.driver().findElement(By.id("buckets-toggle"));
            toggle.click();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    !browser.driver().findElements(By.cssSelector("g.node[data-node-id='api'] g.bucket")).isEmpty());
            browser.screenshot("swarm-buckets");
            toggle.click();

            WebElement card = browser.showCard("s-web", "lead", true);
            assertThat(card.getText()).contains("Split the web app into services", "architect", "claude-opus-4-7");
            browser.screenshot("swarm-card");
        } finally {
            feeder.shutdownNow();
            feeder.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static String parentOf(String session, String id) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.driver().findElements(
                By.cssSelector("line.link[data-session='" + session + "'][data-target='" + id + "']")).isEmpty());
        return browser.driver().findElement(By.cssSelector("line.link[data-session='" + session + "'][data-target='" + id + "']"))
                .getAttribute("data-source");
    }

    private static String centreLabel(String session) {
        return browser.nodes(session, "main").get(0).findElement(By.cssSelector("text.project")).getAttribute("textContent");
    }
}
