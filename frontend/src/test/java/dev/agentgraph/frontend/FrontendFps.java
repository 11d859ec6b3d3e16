package dev.agentgraph.frontend;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.agentgraph.api.Event;
import dev.agentgraph.api.EventFormatException;
import dev.agentgraph.testkit.TestAgentGraph;

/**
 * Benchmark (run by {@code dist/bench/frontend-fps.sh}, not by the test suite): the real server
 * and the page in headless Chromium, N alive agents (default 200) in one session per 100 agents
 * (at least four), nested up to three deep, of six types, and R events a second (default 100:
 * tool calls, plus one agent finishing and one spawning every half second). Measures the page's
 * requestAnimationFrame rate over S seconds (default 10) after a warm-up, and prints median and
 * 5th-percentile frame rates.
 *
 * <p>Arguments: {@code [agents] [events-per-second] [seconds] [WIDTHxHEIGHT]} (default 1400x900).
 */
public final class FrontendFps {

    private static final String[] MODELS = {"claude-sonnet-4-6", "claude-opus-4-7", "claude-haiku-4-5", "gpt-5"};
    private static final String[] TOOLS = {"Bash", "Read", "Grep", "Edit", "Glob", "Write", "WebFetch"};
    private static final String[] TYPES = {"Explore", "Explore", "general-purpose", "Plan", "code-reviewer", "test-runner"};

    private FrontendFps() {
    }

    public static void main(String[] args) throws Exception {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        String[] size = (args.length > 3 ? args[3] : "1400x900").split("x");
        int sessions = Math.max(4, agents / 100);
        Path dir = Files.createTempDirectory("agentgraph-fps");
        Random random = new Random(42);
        try (TestAgentGraph server = LiveServer.start(dir.resolve("agent-events.jsonl"), 0);
                Browser browser = Browser.start(dir.resolve("chromium"), Integer.parseInt(size[0]), Integer.parseInt(size[1]))) {
            List<String[]> alive = new ArrayList<>();
            for (int i = 0; i < agents; i++) {
                alive.add(spawn(server, random, "a" + i, i, sessions));
            }
            browser.open(server.http("/"));
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    ((Number) browser.js("return window.agentgraph.state().counters.alive")).intValue() == agents);

            AtomicLong sent = new AtomicLong();
            ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();
            long periodMicros = 1_000_000L / rate;
            int[] n = {agents};
            feeder.scheduleAtFixedRate(() -> {
                try {
                    long k = sent.incrementAndGet();
                    if (k % Math.max(1, rate / 2) == 0) {
                        String[] gone = alive.remove(1 + random.nextInt(alive.size() - 1));
                        server.emit(Event.parse(Events.done(gone[0], gone[1], "functional")));
                        alive.add(spawn(server, random, "a" + n[0], n[0]++, sessions));
                        sent.addAndGet(1);
                    } else {
                        String[] a = alive.get(random.nextInt(alive.size()));
                        server.emit(Event.parse(Events.toolUse(a[0], a[1], TOOLS[random.nextInt(TOOLS.length)])));
                    }
                } catch (EventFormatException e) {
                    throw new IllegalStateException(e);
                }
            }, 0, periodMicros, TimeUnit.MICROSECONDS);

            Thread.sleep(5000); // warm-up: the layout settles, transitions reach their steady count
            long sentBefore = sent.get();
            long start = System.nanoTime();
            String load = measure(browser, seconds);
            double elapsed = (System.nanoTime() - start) / 1e9;
            long events = sent.get() - sentBefore;
            feeder.shutdownNow();
            feeder.awaitTermination(5, TimeUnit.SECONDS);
            int drawn = ((Number) browser.js("return document.querySelectorAll('g.node.agent:not(.leaving)').length")).intValue();
            int clusters = ((Number) browser.js("return document.querySelectorAll('g.node.cluster').length")).intValue();
            browser.screenshot("fps-" + agents + "-agents-" + size[0] + "x" + size[1]);
            Thread.sleep(2000); // the last animations end
            String idle = measure(browser, Math.max(3, seconds / 2));

            System.out.printf("agents alive: %d in %d sessions (drawn one by one %d, in %d clusters the rest), window %sx%s,"
                            + " events: %.0f/s over %.1f s, %d CPUs, load average %.1f%n",
                    agents, sessions, drawn, clusters, size[0], size[1], events / elapsed, elapsed, Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.println("under load: " + load);
            System.out.println("idle      : " + idle + "   (same page, no events: the machine's ceiling)");
        }
    }

    /** Collects requestAnimationFrame times in the page for a while and summarises them. */
    private static String measure(Browser browser, int seconds) {
        browser.driver().executeCdpCommand("Performance.enable", java.util.Map.of());
        Map<String, Double> before = metrics(browser);
        @SuppressWarnings("unchecked")
        List<Number> stamps = (List<Number>) browser.driver().executeAsyncScript(
                "const done = arguments[arguments.length - 1]; const ms = arguments[0]; const t = [];"
                        + "const end = performance.now() + ms;"
                        + "function frame(x) { t.push(x); if (x < end) requestAnimationFrame(frame); else done(t); }"
                        + "requestAnimationFrame(frame);",
                seconds * 1000);
        Map<String, Double> after = metrics(browser);
        java.util.function.Function<String, Double> spent = k -> after.getOrDefault(k, 0.0) - before.getOrDefault(k, 0.0);
        double[] gaps = new double[stamps.size() - 1];
        for (int i = 1; i < stamps.size(); i++) {
            gaps[i - 1] = stamps.get(i).doubleValue() - stamps.get(i - 1).doubleValue();
        }
        Arrays.sort(gaps);
        double span = (stamps.get(stamps.size() - 1).doubleValue() - stamps.get(0).doubleValue()) / 1000;
        return String.format("median %.1f fps, p5 %.1f fps, mean %.1f fps (%d frames in %.1f s;"
                        + " frame time median %.1f ms, p95 %.1f ms, max %.1f ms;"
                        + " page main thread busy %.0f%%: script %.0f%%, style %.0f%%, layout %.0f%%, other (paint…) %.0f%%)",
                1000 / percentile(gaps, 50), 1000 / percentile(gaps, 95), gaps.length / span, gaps.length, span,
                percentile(gaps, 50), percentile(gaps, 95), gaps[gaps.length - 1],
                100 * spent.apply("TaskDuration") / span, 100 * spent.apply("ScriptDuration") / span,
                100 * spent.apply("RecalcStyleDuration") / span, 100 * spent.apply("LayoutDuration") / span,
                100 * spent.apply("TaskOtherDuration") / span);
    }

    /** Chrome's page metrics so far: seconds spent on tasks, script, style, layout, the rest. */
    private static Map<String, Double> metrics(Browser browser) {
        Map<String, Double> out = new java.util.HashMap<>();
        Map<String, Object> metrics = browser.driver().executeCdpCommand("Performance.getMetrics", Map.of());
        for (Object o : (List<?>) metrics.get("metrics")) {
            Map<?, ?> m = (Map<?, ?>) o;
            out.put((String) m.get("name"), ((Number) m.get("value")).doubleValue());
        }
        return out;
    }

    /** Spawns an agent in one of the sessions, under the orchestrator or an earlier agent of its session. */
    private static String[] spawn(TestAgentGraph server, Random random, String id, int i, int sessions)
            throws EventFormatException {
        String session = "bench-" + (i % sessions);
        // Two agents in three have a parent of their own session spawned before them: nesting.
        String parent = i >= 10 * sessions && random.nextInt(3) > 0 ? "a" + (i - sessions * (1 + random.nextInt(9))) : "main";
        server.emit(Event.parse(Events.spawn(session, id, parent, MODELS[random.nextInt(MODELS.length)],
                TYPES[random.nextInt(TYPES.length)])));
        return new String[] {session, id};
    }

    private static double percentile(double[] sorted, double p) {
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
