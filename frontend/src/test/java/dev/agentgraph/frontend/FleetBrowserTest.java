package dev.agentgraph.frontend;

import static dev.agentgraph.frontend.Events.done;
import static dev.agentgraph.frontend.Events.line;
import static dev.agentgraph.frontend.Events.sessionStart;
import static dev.agentgraph.frontend.Events.spawn;
import static dev.agentgraph.frontend.Events.toolUse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.agentgraph.api.Event;
import dev.agentgraph.api.EventFormatException;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The page at fleet scale and what a user needs around the graph (issue 13): edges that follow
 * their nodes through churn, clusters of siblings, cards inside the window, find and focus,
 * notifications, and the canonical events that update live nodes. Each test uses its own
 * sessions and ends them, so the next one starts from a quiet graph.
 */
class FleetBrowserTest extends ConnectedPage {

    private static final Duration LONG = Duration.ofSeconds(60);

    private static void emit(String... lines) {
        for (String l : lines) {
            try {
                server.emit(Event.parse(l));
            } catch (EventFormatException e) {
                throw new IllegalArgumentException(l, e);
            }
        }
    }

    private static long agentsDrawn(String session) {
        return ((Number) browser.js("return document.querySelectorAll('g.node.agent[data-session=\"' + arguments[0] + '\"]:not(.leaving)').length",
                session)).longValue();
    }

    private static boolean nothingLeaving() {
        return (Boolean) browser.js("return window.agentgraph.state().nodes.every(n => !n.leaving)");
    }

    private static void endSession(String session) {
        emit(line("session_end", "session_id", session));
        await().atMost(LONG).until(() -> browser.nodes(session, "main").isEmpty() && nothingLeaving());
    }

    /** Edges whose drawn ends are not on their nodes' drawn places (more than 1 px off). */
    @SuppressWarnings("unchecked")
    private static List<String> edgesOffTheirNodes() {
        return (List<String>) browser.js(
                "const at = new Map();"
                + "for (const g of document.querySelectorAll('g.node')) {"
                + "  const m = /translate\\(([-\\d.]+),([-\\d.]+)\\)/.exec(g.getAttribute('transform') || '');"
                + "  if (m) at.set(g.getAttribute('data-session') + '\\n' + g.getAttribute('data-node-id'), [+m[1], +m[2]]);"
                + "}"
                + "const bad = [];"
                + "for (const l of document.querySelectorAll('line.link')) {"
                + "  const s = at.get(l.getAttribute('data-session') + '\\n' + l.getAttribute('data-source'));"
                + "  const t = at.get(l.getAttribute('data-session') + '\\n' + l.getAttribute('data-target'));"
                + "  const e = ['x1', 'y1', 'x2', 'y2'].map(a => +l.getAttribute(a));"
                + "  const off = !s || !t || Math.hypot(e[0] - s[0], e[1] - s[1]) > 1 || Math.hypot(e[2] - t[0], e[3] - t[1]) > 1;"
                + "  if (off) bad.push(l.getAttribute('data-source') + '->' + l.getAttribute('data-target') + ' drawn ' + e.join(',')"
                + "    + ' nodes ' + JSON.stringify(s) + ' ' + JSON.stringify(t));"
                + "}"
                + "return bad;");
    }

    @Test
    void afterChurnAt150AgentsEveryEdgeEndsOnItsNodes() throws InterruptedException {
        String s = "s-churn";
        emit(sessionStart(s, "/home/dev/churn"));
        // 30 parents under the orchestrator, 120 children under them: when a parent finishes, its
        // children's edges move to the orchestrator (dashed) while neither end moves.
        for (int p = 0; p < 30; p++) {
            emit(spawn(s, "p" + p, "main", "claude-sonnet-4-6", "planner-" + (p % 5)));
        }
        for (int c = 0; c < 120; c++) {
            emit(spawn(s, "c" + c, "p" + (c % 30), "claude-haiku-4-5", "worker-" + (c % 9)));
        }
        await().atMost(LONG).until(() -> agentsDrawn(s) == 150);
        // Big graphs hold still once settled: that is when a stale edge stayed behind.
        await().atMost(LONG).until(() -> (Boolean) browser.js("return window.agentgraph.state().settled"));
        for (int round = 0; round < 30; round++) {
            emit(done(s, "p" + round, "functional"), spawn(s, "n" + round, "main", "claude-opus-4-7", "fresh-" + (round % 7)));
            if (round % 5 == 4) {
                // Let the page take a few frames between bursts, as real churn does.
                int seen = round;
                await().atMost(LONG).until(() -> browser.nodes(s, "n" + seen).size() == 1);
            }
        }
        await().atMost(LONG).until(() -> agentsDrawn(s) == 150 && browser.nodes(s, "p29").isEmpty() && nothingLeaving());
        assertThat(browser.driver().findElements(By.cssSelector("line.link[data-session='s-churn']"))).hasSize(150);
        assertThat(edgesOffTheirNodes()).isEmpty();
        // Children of a finished parent hang from the orchestrator now, dashed.
        WebElement orphan = browser.driver().findElement(By.cssSelector("line.link[data-session='s-churn'][data-target='c0']"));
        assertThat(orphan.getAttribute("data-source")).isEqualTo("main");
        assertThat(orphan.getAttribute("class")).contains("inferred");
        browser.screenshot("churn-150");

        // Zoomed in 4×, names that had no room come back: labels keep their size on screen.
        long shownAtOne = labelsShown();
        browser.js("window.agentgraph.zoomAt(4)");
        await().atMost(LONG).until(() -> labelsShown() > shownAtOne);
        browser.screenshot("churn-150-zoomed");
        browser.js("window.agentgraph.resetView()");
        endSession(s);
    }

    @Test
    void fortySiblingsShowAsClustersThatExpandOnClick() {
        String s = "s-many";
        emit(sessionStart(s, "/home/dev/many"));
        for (int i = 0; i < 25; i++) {
            emit(spawn(s, "e" + i, "main", "claude-haiku-4-5-20251001", "Explore"));
        }
        for (int i = 0; i < 15; i++) {
            emit(spawn(s, "g" + i, "main", "claude-sonnet-4-6", "general-purpose"));
        }
        By explore = By.cssSelector("g.node.cluster[data-session='s-many'][data-type='Explore']");
        By general = By.cssSelector("g.node.cluster[data-session='s-many'][data-type='general-purpose']");
        await().atMost(LONG).until(() -> browser.driver().findElements(explore).size() == 1
                && browser.driver().findElements(general).size() == 1);
        WebElement cluster = browser.driver().findElement(explore);
        assertThat(cluster.getAttribute("data-count")).isEqualTo("25");
        assertThat(browser.driver().findElement(general).getAttribute("data-count")).isEqualTo("15");
        assertThat(cluster.getAttribute("class")).contains("model-haiku");
        assertThat(cluster.findElement(By.cssSelector("text.name")).getAttribute("textContent")).isEqualTo("Explore ×25");
        assertThat(agentsDrawn(s)).isZero();
        double big = radius(cluster);
        assertThat(big).isGreaterThan(radius(browser.driver().findElement(general)));
        browser.screenshot("clusters-40");

        // A member's tool call pulses its cluster.
        emit(toolUse(s, "e7", "Grep"));
        await().atMost(LONG).until(() -> "1".equals(browser.driver().findElement(explore).getAttribute("data-pulses")));

        // Zooming in on the clusters opens them; zooming out closes them again.
        browser.js("window.agentgraph.panTo('s-many', 'main', innerWidth / 2, innerHeight / 2); window.agentgraph.zoomAt(3)");
        await().atMost(LONG).until(() -> browser.driver().findElements(By.cssSelector("g.node.cluster[data-session='s-many']")).isEmpty()
                && agentsDrawn(s) == 40);
        browser.js("window.agentgraph.resetView()");
        await().atMost(LONG).until(() -> browser.driver().findElements(explore).size() == 1 && agentsDrawn(s) == 0);

        browser.js("arguments[0].querySelector('.body').dispatchEvent(new MouseEvent('click', {bubbles: true}))",
                browser.driver().findElement(explore));
        await().atMost(LONG).until(() -> agentsDrawn(s) == 25 && browser.driver().findElements(explore).isEmpty());
        assertThat(browser.driver().findElements(general)).hasSize(1);
        assertThat(browser.nodes(s, "e0")).hasSize(1);
        assertThat(edgesOffTheirNodes()).isEmpty();
        browser.screenshot("clusters-40-expanded");
        endSession(s);
    }

    private static long labelsShown() {
        return ((Number) browser.js("return window.agentgraph.state().labels.shown")).longValue();
    }

    private static double radius(WebElement cluster) {
        return Double.parseDouble(cluster.findElement(By.cssSelector("circle.body")).getAttribute("r"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCardStaysInsideTheWindowAtEveryCornerAndBesideItsNode() {
        String s = "s-card";
        emit(sessionStart(s, "/home/dev/cards"),
                line("agent_spawn", "session_id", s, "id", "a", "model", "claude-sonnet-4-6", "subagent_type", "Explore",
                        "description", "A card with a long prompt",
                        "prompt_preview", "Look everywhere. ".repeat(30)));
        await().atMost(LONG).until(() -> browser.nodes(s, "a").size() == 1);
        long w = (Long) browser.js("return window.innerWidth");
        long h = (Long) browser.js("return window.innerHeight");
        for (long[] corner : new long[][] {{12, 12}, {w - 12, 12}, {12, h - 12}, {w - 12, h - 12}, {w / 2, h / 2}}) {
            await().atMost(LONG).until(() -> {
                // The node may still drift into place: aim the view at it on every try.
                Map<String, Object> r = (Map<String, Object>) browser.js(
                        "window.agentgraph.panTo(arguments[1], arguments[2], arguments[3], arguments[4]);"
                        + "const b = arguments[0].querySelector('.body'); b.dispatchEvent(new MouseEvent('click', {bubbles: true}));"
                        + "const n = b.getBoundingClientRect(); const c = document.getElementById('card').getBoundingClientRect();"
                        + "return {inside: c.left >= 0 && c.top >= 0 && c.right <= innerWidth && c.bottom <= innerHeight && c.width > 0,"
                        + "  covers: c.left < n.right && n.left < c.right && c.top < n.bottom && n.top < c.bottom,"
                        + "  nodeX: (n.left + n.right) / 2, nodeY: (n.top + n.bottom) / 2};",
                        browser.nodes(s, "a").get(0), s, "a", corner[0], corner[1]);
                boolean placed = Math.abs(((Number) r.get("nodeX")).doubleValue() - corner[0]) < 3
                        && Math.abs(((Number) r.get("nodeY")).doubleValue() - corner[1]) < 3;
                if (!placed) {
                    return false;
                }
                assertThat(r.get("inside")).as("card inside the window, node at " + corner[0] + "," + corner[1]).isEqualTo(true);
                assertThat(r.get("covers")).as("card beside the node at " + corner[0] + "," + corner[1]).isEqualTo(false);
                return true;
            });
            browser.screenshot("card-at-" + corner[0] + "-" + corner[1]);
        }
        new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
        await().atMost(LONG).until(() -> !browser.driver().findElement(By.id("card")).isDisplayed());
        browser.js("window.agentgraph.resetView()");
        endSession(s);
    }

    @Test
    void searchHighlightsExactlyTheMatchesAndFocusDimsOtherHosts() {
        emit(line("session_start", "session_id", "s-find", "cwd", "/home/dev/finder", "host", "alpha-box"),
                line("session_start", "session_id", "s-other", "cwd", "/home/dev/elsewhere", "host", "beta-box"),
                spawn("s-find", "f1", "main", "claude-haiku-4-5", "Explore"),
                spawn("s-find", "f2", "main", "claude-haiku-4-5", "Explore"),
                spawn("s-find", "f3", "main", "claude-opus-4-7", "Plan"),
                spawn("s-other", "o1", "main", "gpt-5-codex", "reviewer"),
                toolUse("s-other", "o1", "QuuxFetch"));
        await().atMost(LONG).until(() -> browser.nodes("s-other", "o1").size() == 1 && browser.nodes("s-find", "f3").size() == 1);
        // Two hosts: sessions are grouped under their host's name.
        await().atMost(LONG).until(() -> browser.driver().findElements(By.cssSelector("text.host")).size() == 2);
        assertThat(browser.driver().findElements(By.cssSelector("text.host")).stream().map(e -> e.getAttribute("textContent")))
                .containsExactly("alpha-box", "beta-box");
        browser.screenshot("two-hosts");

        WebElement input = browser.driver().findElement(By.id("find-input"));
        input.sendKeys("haiku");
        await().atMost(LONG).until(() -> matched().equals(List.of("s-find/f1", "s-find/f2")));
        assertThat(browser.driver().findElement(By.id("find-count")).getText()).isEqualTo("2 matches");
        assertThat(browser.js("return getComputedStyle(arguments[0]).opacity", browser.nodes("s-find", "f3").get(0))).isEqualTo("0.15");
        browser.screenshot("search-haiku");
        input.clear();
        input.sendKeys("quuxfetch");
        await().atMost(LONG).until(() -> matched().equals(List.of("s-other/o1")));
        input.sendKeys(Keys.ESCAPE);
        await().atMost(LONG).until(() -> !browser.driver().findElement(By.id("graph")).getAttribute("class").contains("searching"));

        // Focus on one host: its sessions stay bright, the others dim.
        new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("focus-select"))).selectByValue("h:beta-box");
        await().atMost(LONG).until(() -> matched().equals(List.of("s-other/main", "s-other/o1")));
        new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("focus-select"))).selectByValue("");
        endSession("s-find");
        endSession("s-other");
        await().atMost(LONG).until(() -> browser.driver().findElements(By.cssSelector("text.host")).isEmpty());
    }

    @SuppressWarnings("unchecked")
    private static List<String> matched() {
        return (List<String>) browser.js("return [...document.querySelectorAll('g.node.match')]"
                + ".map(g => g.getAttribute('data-session') + '/' + g.getAttribute('data-node-id')).sort()");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWaitingSessionNotifiesWhenPermissionIsGranted() {
        URI origin = server.http("/");
        browser.driver().executeCdpCommand("Browser.grantPermissions", Map.of(
                "origin", origin.getScheme() + "://" + origin.getAuthority(), "permissions", List.of("notifications")));
        await().atMost(LONG).until(() -> "granted".equals(browser.js("return Notification.permission")));
        WebElement toggle = browser.driver().findElement(By.id("notify-toggle"));
        if (!"true".equals(toggle.getAttribute("aria-pressed"))) {
            toggle.click();
        }
        await().atMost(LONG).until(() -> "true".equals(toggle.getAttribute("aria-pressed")));
        emit(sessionStart("s-notify", "/home/dev/notifier"),
                line("waiting", "session_id", "s-notify", "message", "Claude needs your permission to use Bash"));
        await().atMost(LONG).until(() -> ((List<Map<String, Object>>) ((Map<String, Object>) browser.js(
                "return window.agentgraph.state().notifications")).get("sent")).stream()
                .anyMatch(n -> "notifier waits for you".equals(n.get("title"))
                        && "Claude needs your permission to use Bash".equals(n.get("body"))));
        await().atMost(LONG).until(() -> browser.driver().getTitle().contains("1 waiting"));
        emit(toolUse("s-notify", "main", "Bash"));
        await().atMost(LONG).until(() -> browser.driver().getTitle().equals("AgentGraph"));
        endSession("s-notify");
    }

    @Test
    void liveNodesFollowTheNewCanonicalEvents() {
        String s = "s-canon";
        emit(line("session_start", "session_id", s, "cwd", "/home/dev/canon", "host", "devbox", "runtime", "claude-code"),
                line("agent_spawn", "session_id", s, "id", "sub", "subagent_type", "Explore"),
                line("agent_spawn", "session_id", s, "id", "mate", "kind", "teammate", "team", "core",
                        "subagent_type", "researcher", "model", "claude-opus-4-7"));
        await().atMost(LONG).until(() -> browser.nodes(s, "sub").size() == 1 && browser.nodes(s, "mate").size() == 1);
        WebElement sub = browser.nodes(s, "sub").get(0);
        assertThat(sub.getAttribute("class")).contains("model-none");
        // The model arrives after the spawn: the live node is recoloured.
        emit(line("agent_update", "session_id", s, "id", "sub", "model", "claude-haiku-4-5-20251001"));
        await().atMost(LONG).until(() -> browser.nodes(s, "sub").get(0).getAttribute("class").contains("model-haiku"));
        assertThat(browser.js("return getComputedStyle(arguments[0].querySelector('.body')).fill", browser.nodes(s, "sub").get(0)))
                .isEqualTo("rgb(59, 130, 246)");
        // A teammate is drawn as its own kind; opus is never the failure red.
        WebElement mate = browser.nodes(s, "mate").get(0);
        assertThat(mate.getAttribute("class")).contains("teammate", "model-opus");
        assertThat(mate.findElement(By.cssSelector(".body")).getTagName()).isEqualTo("rect");
        assertThat(browser.js("return getComputedStyle(arguments[0].querySelector('.body')).fill", mate)).isNotEqualTo("rgb(239, 68, 68)");

        // A sub-agent asks for permission: it waits, not its session.
        emit(line("waiting", "session_id", s, "agent_id", "sub", "message", "Allow WebFetch?"));
        await().atMost(LONG).until(() -> "true".equals(browser.nodes(s, "sub").get(0).getAttribute("data-waiting")));
        assertThat(browser.nodes(s, "main").get(0).getAttribute("data-waiting")).isEqualTo("false");
        emit(line("agent_update", "session_id", s, "id", "mate", "idle", true, "task", "Summarise the findings"));
        await().atMost(LONG).until(() -> browser.nodes(s, "mate").get(0).getAttribute("class").contains("idle"));

        long flashes = ((Number) browser.js("return window.agentgraph.state().effects.flashes")).longValue();
        emit(line("turn_failed", "session_id", s, "agent_id", "sub", "error", "overloaded_error"));
        await().atMost(LONG).until(() -> ((Number) browser.js("return window.agentgraph.state().effects.flashes")).longValue() > flashes);
        assertThat(browser.nodes(s, "sub").get(0).getAttribute("data-last-tool")).startsWith("turn failed");

        JsonTasks tasks = new JsonTasks();
        emit(tasks.sessionUpdate(s));
        await().atMost(LONG).until(() -> browser.nodes(s, "main").get(0).findElement(By.cssSelector("text.status"))
                .getAttribute("textContent").equals("compacting…"));
        WebElement card = browser.showCard(s, "main", true);
        await().atMost(LONG).untilAsserted(() -> assertThat(card.getText()).contains("1 of 3 done, 1 in progress",
                "$1.25 (partial)", "devbox", "claude-code", "claude-opus-4-7", "Write the parser — completed"));
        browser.screenshot("orchestrator-card");
        new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
        await().atMost(LONG).until(() -> !card.isDisplayed());

        emit(line("agent_done", "session_id", s, "id", "mate", "outcome", "lost"));
        await().atMost(LONG).until(() -> browser.nodes(s, "mate").isEmpty());
        endSession(s);
    }

    /** A session_update carrying the shared task list, built with Gson. */
    private static final class JsonTasks {
        String sessionUpdate(String session) {
            com.google.gson.JsonObject o = new com.google.gson.JsonObject();
            o.addProperty("event", "session_update");
            o.addProperty("session_id", session);
            o.addProperty("model", "claude-opus-4-7");
            o.addProperty("compacting", true);
            o.addProperty("cost_usd", 1.25);
            o.addProperty("cost_partial", true);
            com.google.gson.JsonArray list = new com.google.gson.JsonArray();
            String[][] rows = {{"1", "Write the parser", "completed"}, {"2", "Test it", "in_progress"}, {"3", "Ship", "pending"}};
            for (String[] r : rows) {
                com.google.gson.JsonObject t = new com.google.gson.JsonObject();
                t.addProperty("id", r[0]);
                t.addProperty("subject", r[1]);
                t.addProperty("status", r[2]);
                list.add(t);
            }
            o.add("tasks", list);
            return o.toString();
        }
    }
}
