package dev.agentgraph.frontend;

import static dev.agentgraph.frontend.Events.line;
import static dev.agentgraph.frontend.Events.sessionStart;
import static dev.agentgraph.frontend.Events.spawn;
import static dev.agentgraph.frontend.Events.toolUse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;


/**
 * The live graph in a real headless Chromium against the real server: events appended to the
 * event file travel through the tail, the reducers and the WebSocket to the page. One browser
 * and one server for the class; each test uses its own session ids.
 */
class LiveGraphBrowserTest extends ConnectedPage {


    private static void awaitNodes(String session, String id, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.nodes(session, id).size() == count);
    }

    @Test
    void pageIsServedWithAStrictPolicyAndConnects() throws IOException, InterruptedException {
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(server.http("/")).build(), HttpResponse.BodyHandlers.ofString());
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.body()).contains("/vendor/d3/d3.min.js").doesNotContain("<script>", "style=\"");

        assertThat(browser.badge()).isEqualTo("connected");
        assertThat(browser.driver().findElement(By.id("badge")).getText()).isEqualTo("● connected");
        assertThat(browser.js("return typeof d3.forceSimulation")).isEqualTo("function");
        assertThat(browser.driver().findElements(By.cssSelector(".legend li"))).hasSizeGreaterThanOrEqualTo(5);
        browser.screenshot("connected");
    }

    @Test
    void aSpawnAppearsAToolUsePulsesItAndDoneRemovesIt() {
        long pulses = count(effects(), "pulses");
        long flashes = count(effects(), "flashes");
        append(sessionStart("s-life", "/home/dev/life"),
                line("agent_spawn", "session_id", "s-life", "id", "life-1", "model", "claude-sonnet-4-6",
                        "subagent_type", "Explore", "description", "Find the checkout code",
                        "prompt_preview", "Look for every caller of checkout()"));
        awaitNodes("s-life", "life-1", 1);
        WebElement node = browser.nodes("s-life", "life-1").get(0);
        assertThat(node.getAttribute("class")).contains("agent", "model-sonnet");
        assertThat(browser.js("return getComputedStyle(arguments[0].querySelector('circle.body')).fill", node))
                .isEqualTo("rgb(34, 197, 94)");
        assertThat(link("s-life", "life-1")).isEqualTo("main");
        assertThat(centreLabel("s-life")).isEqualTo("life");

        append(line("tool_use", "session_id", "s-life", "agent_id", "life-1", "tool", "Bash", "summary", "ls -la"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "1".equals(browser.nodes("s-life", "life-1").get(0).getAttribute("data-pulses")));
        assertThat(browser.nodes("s-life", "life-1").get(0).getAttribute("data-last-tool")).isEqualTo("Bash");
        // The pulse and the floating name are painted on the effects canvas.
        assertThat(count(effects(), "pulses")).isEqualTo(pulses + 1);
        assertThat(effects().get("lastFloat")).isEqualTo("Bash");
        // Two calls at once: the second name takes the place of the first, still rising, not over it.
        long replaced = count(effects(), "floatsReplaced");
        append(line("tool_use", "session_id", "s-life", "agent_id", "life-1", "tool", "Grep", "summary", "checkout"),
                line("tool_use", "session_id", "s-life", "agent_id", "life-1", "tool", "Read", "summary", "README.md"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "Read".equals(effects().get("lastFloat")));
        assertThat(count(effects(), "floatsReplaced")).isGreaterThanOrEqualTo(replaced + 1);

        WebElement card = browser.showCard("s-life", "life-1", false);
        assertThat(card.getText()).contains("Explore", "Find the checkout code", "Look for every caller of checkout()",
                "claude-sonnet-4-6", "Bash ×1", "Grep ×1", "Read ×1", "Read: README.md");
        browser.screenshot("agent-with-card");
        new Actions(browser.driver()).moveToElement(browser.driver().findElement(By.id("counters"))).perform();
        await().atMost(Duration.ofSeconds(5)).until(() -> !card.isDisplayed());

        int doneBefore = Integer.parseInt(browser.counter("done"));
        append(line("agent_done", "session_id", "s-life", "id", "life-1", "outcome", "functional",
                "duration_ms", 1200, "cost_usd", 0.0123));
        await().atMost(Duration.ofSeconds(10)).until(() -> count(effects(), "flashes") == flashes + 1);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                browser.driver().findElements(By.cssSelector("g.node[data-node-id='life-1'], line[data-target='life-1']")).isEmpty());
        assertThat(Integer.parseInt(browser.counter("done"))).isEqualTo(doneBefore + 1);
        assertThat(browser.counter("last")).endsWith("ago");
    }

    /** The same story for a session: agents in a tree, tool calls, some done. Ids carry {@code prefix}. */
    private static List<String> story(String session, String prefix) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add(sessionStart(session, "/home/dev/" + session));
        for (int i = 0; i < 40; i++) {
            lines.add(spawn(session, prefix + i, i < 10 ? "main" : prefix + (i - 10), i % 2 == 0 ? "sonnet" : "haiku", "Explore"));
        }
        for (int i = 0; i < 40; i++) {
            lines.add(toolUse(session, prefix + (i % 20), i % 3 == 0 ? "Bash" : "Read"));
        }
        for (int i = 25; i < 40; i++) {
            lines.add(line("agent_done", "session_id", session, "id", prefix + i, "outcome", "functional"));
        }
        return lines;
    }

    /**
     * What the page draws for a session: each node's parent, model class and pulses, by id without
     * its prefix, read in one script (the page redraws nodes while it runs).
     */
    @SuppressWarnings("unchecked")
    private static Map<String, String> drawn(String session, String prefix) {
        Map<String, Object> read = (Map<String, Object>) browser.js("const out = {};"
                + "const links = [...document.querySelectorAll(\"line.link[data-session='\" + arguments[0] + \"']\")];"
                + "for (const n of document.querySelectorAll(\"g.node[data-session='\" + arguments[0] + \"']\")) {"
                + "  const id = n.getAttribute('data-node-id');"
                + "  const link = links.find(l => l.getAttribute('data-target') === id);"
                + "  const model = [...n.classList].find(c => c.startsWith('model-')) || '';"
                + "  out[id] = (link ? link.getAttribute('data-source') : '') + ' ' + model + ' pulses=' + n.getAttribute('data-pulses');"
                + "}"
                + "return out;", session);
        Map<String, String> drawn = new java.util.TreeMap<>();
        read.forEach((id, what) -> drawn.put(id.replace(prefix, ""), ((String) what).replace(prefix, "")));
        return drawn;
    }

    private static long websocketCounter(String name) {
        return server.stats().getAsJsonObject("components").getAsJsonObject("websocket").getAsJsonObject("counters")
                .get(name).getAsLong();
    }

    /**
     * A burst reaches the page in batched frames ({@code {"type":"events",...}}) and the page draws
     * the same graph as for the same events sent one frame each.
     */
    @Test
    void aBurstInBatchedFramesDrawsTheSameGraphAsOneFrameAnEvent() {
        for (String line : story("s-single", "one-")) {
            long sent = websocketCounter("events_sent");
            append(line);
            await().atMost(Duration.ofSeconds(10)).until(() -> websocketCounter("events_sent") > sent);
        }
        long events = websocketCounter("events_sent");
        long frames = websocketCounter("batches_sent");
        append(story("s-burst", "two-").toArray(String[]::new));
        // 25 agents alive with the session's main node; the 15 done fade out.
        await().atMost(Duration.ofSeconds(15)).until(() -> drawn("s-single", "one-").size() == 26
                && drawn("s-single", "one-").equals(drawn("s-burst", "two-")));
        assertThat(websocketCounter("batches_sent") - frames).as("the burst went out in fewer frames than events")
                .isLessThan(websocketCounter("events_sent") - events);
        assertThat(drawn("s-burst", "two-")).containsEntry("12", "2 model-sonnet pulses=2").containsKey("main")
                .doesNotContainKey("30");
    }

    @Test
    void nestedAgentsBranchFromTheirParentAndAnInferredEdgeIsDashed() {
        append(spawn("s-nest", "plan", "main", "opus", "Plan"),
                spawn("s-nest", "explore", "plan", "haiku", "Explore"),
                line("agent_spawn", "session_id", "s-nest", "id", "deep", "parent_id", "explore",
                        "parent_inferred", true, "model", "haiku", "subagent_type", "Explore"));
        awaitNodes("s-nest", "deep", 1);
        assertThat(link("s-nest", "plan")).isEqualTo("main");
        assertThat(link("s-nest", "explore")).isEqualTo("plan");
        assertThat(link("s-nest", "deep")).isEqualTo("explore");
        WebElement inferred = browser.driver().findElement(By.cssSelector("line[data-session='s-nest'][data-target='deep']"));
        WebElement observed = browser.driver().findElement(By.cssSelector("line[data-session='s-nest'][data-target='explore']"));
        assertThat(inferred.getAttribute("class")).contains("inferred");
        assertThat(browser.js("return getComputedStyle(arguments[0]).strokeDasharray", inferred)).isNotEqualTo("none");
        assertThat(browser.js("return getComputedStyle(arguments[0]).strokeDasharray", observed)).isEqualTo("none");
        assertThat(browser.nodes("s-nest", "plan").get(0).getAttribute("class")).contains("model-opus");
        assertThat(browser.nodes("s-nest", "explore").get(0).getAttribute("class")).contains("model-haiku");
    }

    @Test
    void eachSessionHasItsCentreAndAWaitingSessionLooksDifferent() {
        append(sessionStart("s-alpha", "/home/dev/alpha"), sessionStart("s-beta", "/home/dev/beta/"),
                spawn("s-alpha", "a1", "main", "sonnet", "general-purpose"),
                spawn("s-beta", "b1", "main", "gpt-5", "reviewer"));
        awaitNodes("s-beta", "b1", 1);
        assertThat(centreLabel("s-alpha")).isEqualTo("alpha");
        assertThat(centreLabel("s-beta")).isEqualTo("beta");
        assertThat(browser.nodes("s-beta", "b1").get(0).getAttribute("class")).contains("model-openai");
        WebElement alpha = browser.nodes("s-alpha", "main").get(0);
        assertThat(browser.js("return getComputedStyle(arguments[0].querySelector('circle.body')).fill", alpha))
                .isEqualTo("rgb(251, 191, 36)");

        append(line("waiting", "session_id", "s-beta", "message", "Claude needs your permission to use Bash"));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                browser.nodes("s-beta", "main").get(0).getAttribute("class").contains("waiting"));
        WebElement beta = browser.nodes("s-beta", "main").get(0);
        assertThat(browser.js("return getComputedStyle(arguments[0].querySelector('circle.body')).fill", beta))
                .isNotEqualTo("rgb(251, 191, 36)");
        assertThat(browser.js("return getComputedStyle(arguments[0].querySelector('text.status')).display", beta))
                .isNotEqualTo("none");
        assertThat(alpha.getAttribute("class")).doesNotContain("waiting");
        browser.screenshot("waiting-session");

        append(toolUse("s-beta", "main", "Bash"));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                !browser.nodes("s-beta", "main").get(0).getAttribute("class").contains("waiting"));
    }

    @Test
    void toolBucketsShowEachAgentsToolsWithCounts() {
        append(spawn("s-buckets", "worker", "main", "sonnet", "general-purpose"));
        awaitNodes("s-buckets", "worker", 1);
        append(toolUse("s-buckets", "worker", "Bash"), toolUse("s-buckets", "worker", "Bash"),
                toolUse("s-buckets", "worker", "Bash"), toolUse("s-buckets", "worker", "Read"));
        WebElement toggle = browser.driver().findElement(By.id("buckets-toggle"));
        toggle.click();
        assertThat(toggle.getAttribute("aria-pressed")).isEqualTo("true");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(buckets("s-buckets", "worker")).containsExactly("Bash ×3", "Read ×1"));
        browser.screenshot("tool-buckets");
        toggle.click();
        await().atMost(Duration.ofSeconds(5)).until(() -> buckets("s-buckets", "worker").isEmpty());
    }

    @Test
    void hostileStringsShowAsTextAndRunNothing() throws IOException {
        // The shared hostile file as a writer would leave it, then our own payloads that would
        // set window.__xss if any string reached the page as HTML.
        Files.write(events, Fixtures.bytes("bad-input/malformed-lines.jsonl"), StandardOpenOption.APPEND);
        String img = "<img src=x onerror=\"window.__xss='img'\">";
        String svg = "</script><svg onload=\"window.__xss='svg'\">";
        append(line("session_start", "session_id", "s-xss", "cwd", "/tmp/" + img),
                line("agent_spawn", "session_id", "s-xss", "id", "xss-1", "parent_id", "main",
                        "subagent_type", svg, "model", "<b>opus</b>", "description", img,
                        "prompt_preview", "<script>window.__xss='script'</script>" + svg),
                line("tool_use", "session_id", "s-xss", "agent_id", "xss-1", "tool", img),
                line("agent_spawn", "session_id", "s-xss", "id", img, "subagent_type", img));
        awaitNodes("default", "<img src=x onerror=alert(1)>", 1);
        awaitNodes("s-xss", img, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> img.equals(browser.nodes("s-xss", "xss-1").get(0).getAttribute("data-last-tool")));

        WebElement card = browser.showCard("default", "<img src=x onerror=alert(1)>", true);
        assertThat(card.getText()).contains("<img src=x onerror=alert(1)>", "<script>alert(1)</script>");

        browser.showCard("s-xss", "xss-1", true);
        assertThat(card.getText()).contains(svg, "<script>window.__xss='script'</script>", "<b>opus</b>", img + " ×1");
        assertThat(centreLabel("s-xss")).isEqualTo(img);
        browser.screenshot("hostile-input");

        assertThat(browser.js("return window.__xss === undefined")).isEqualTo(true);
        assertThat(browser.js("return document.querySelectorAll("
                + "'img, iframe, object, embed, svg svg, foreignObject, [onerror], [onload], [onclick]').length")).isEqualTo(0L);
        assertThat(browser.js("return [...document.scripts].every(s => s.src !== '')")).isEqualTo(true);
        assertThat(browser.driver().findElements(By.cssSelector("b, i"))).isEmpty();
        // The pointer leaves the node first: still over it, a node that the layout moves under it
        // shows its hover card again after Escape closed the pinned one (seen once in a full build).
        new Actions(browser.driver()).moveToLocation(1, 1).sendKeys(org.openqa.selenium.Keys.ESCAPE).perform();
        await().atMost(Duration.ofSeconds(5)).until(() -> !card.isDisplayed());
    }

    @Test
    @SuppressWarnings("unchecked")
    void reconnectsBackOffFromOneToThirtySecondsAndCarryThePageToken() {
        Map<String, Object> r = (Map<String, Object>) browser.driver().executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "import('/connection.js').then(({ backoff, streamUrl }) => done({"
                + "  low: [0, 1, 2, 3, 4, 5, 6, 12].map(a => backoff(a, () => 0)),"
                + "  high: [0, 5].map(a => backoff(a, () => 1)),"
                + "  plain: streamUrl({protocol: 'http:', host: '127.0.0.1:8201', search: ''}),"
                + "  token: streamUrl({protocol: 'https:', host: 'box:9', search: '?token=a%2Bb%20c&x=1'})"
                + "})).catch(e => done({error: String(e)}));");
        assertThat(r).as(r.toString()).doesNotContainKey("error");
        assertThat((List<Long>) r.get("low")).containsExactly(1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L, 30000L);
        assertThat((List<Long>) r.get("high")).containsExactly(1100L, 30000L);
        assertThat(r.get("plain")).isEqualTo("ws://127.0.0.1:8201/stream");
        assertThat(r.get("token")).isEqualTo("wss://box:9/stream?token=a%2Bb%20c");
    }

    /** The parent id of the edge that ends at an agent. */
    private static String link(String session, String id) {
        List<WebElement> lines = browser.driver().findElements(By.cssSelector("line.link[data-session='" + session + "']"));
        return lines.stream().filter(l -> id.equals(l.getAttribute("data-target"))).findFirst()
                .map(l -> l.getAttribute("data-source")).orElse(null);
    }

    private static String centreLabel(String session) {
        return browser.nodes(session, "main").get(0).findElement(By.cssSelector("text.project")).getAttribute("textContent");
    }

    @SuppressWarnings("unchecked")
    private static List<String> buckets(String session, String id) {
        return (List<String>) browser.js("return [...arguments[0].querySelectorAll('g.bucket text')].map(t => t.textContent)",
                browser.nodes(session, id).get(0));
    }

    /** What the effects canvas has shown so far: pulses, floats, flashes and the last floating label. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> effects() {
        return (Map<String, Object>) browser.js("return window.agentgraph.state().effects");
    }

    private static long count(Map<String, Object> effects, String name) {
        return ((Number) effects.get(name)).longValue();
    }
}
