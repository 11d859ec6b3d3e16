package dev.agentgraph.plugins.demo;

import dev.agentgraph.api.Canonical;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The demo's scenario: four sessions in four projects that overlap in time, with nested
 * sub-agents (one session fans out a swarm of a dozen agents at once), one parent that was
 * inferred rather than observed, many kinds of tool calls, skill
 * uses, failed tools, a failed agent and a session waiting for permission. Every loop ends all its
 * agents and sessions, so nothing piles up however long the demo runs. The same seed and loop
 * number always give the same steps.
 */
public final class DemoScript {

    private static final String MAIN = Canonical.ORCHESTRATOR;

    private final long seed;

    public DemoScript(long seed) {
        this.seed = seed;
    }

    /** The steps of loop {@code n} in time order (stable for equal times). */
    public List<DemoStep> loop(int n) {
        Random rnd = new Random(seed * 1_000_003L + n);
        List<DemoStep> steps = new ArrayList<>();
        checkoutRefactor(new DemoSession(DemoProject.SHOP, rnd, steps), 0);
        authReview(new DemoSession(DemoProject.API, rnd, steps), 3_000 + rnd.nextInt(3_000));
        docsRefresh(new DemoSession(DemoProject.DOCS, rnd, steps), 9_000 + rnd.nextInt(4_000));
        packageMigration(new DemoSession(DemoProject.MONOREPO, rnd, steps), 14_000 + rnd.nextInt(3_000));
        steps.sort(Comparator.comparingLong(DemoStep::atMillis));
        return steps;
    }

    /** A planner that fans out two explorers, then an implementer whose first test run fails. */
    private static void checkoutRefactor(DemoSession s, long t0) {
        s.start(t0);
        long t = s.tools(t0 + 500, MAIN, 2, DemoTool.READ, DemoTool.GREP);
        String plan = s.spawn(t + 800, MAIN, false, "Plan", "Plan checkout refactor",
                "Design the refactor of checkout: split pricing from payment.");
        long p = s.tools(t + 1_200, plan, 3, DemoTool.READ, DemoTool.GLOB, DemoTool.READ);
        String cart = s.spawn(p + 500, plan, false, "Explore", "Map cart totals",
                "Find every place that computes cart totals.");
        String pay = s.spawn(p + 900, plan, false, "Explore", "Map payment calls",
                "List every call into the payment provider.");
        long c = s.tools(p + 1_000, cart, 5, DemoTool.GREP, DemoTool.READ, DemoTool.READ, DemoTool.GREP);
        s.done(c + 300, cart, "functional");
        long y = s.tools(p + 1_300, pay, 4, DemoTool.GREP, DemoTool.READ, DemoTool.WEB_FETCH);
        s.done(y + 300, pay, "partial");
        long back = Math.max(c, y) + 800;
        s.skill(back, plan, "writing-plans");
        long q = s.tools(back + 300, plan, 2, DemoTool.TODO_WRITE, DemoTool.READ);
        s.done(q + 400, plan, "functional");

        String impl = s.spawn(q + 1_500, MAIN, false, "general-purpose", "Implement checkout split",
                "Implement the plan: move pricing into src/pricing.ts and keep tests green.");
        long i = s.tools(q + 1_900, impl, 3, DemoTool.EDIT, DemoTool.WRITE, DemoTool.EDIT);
        i = s.tool(i + 700, impl, DemoTool.BASH, "Exit code 1: 2 failing tests in test/checkout.test.ts");
        i = s.tools(i + 500, impl, 3, DemoTool.READ, DemoTool.EDIT, DemoTool.BASH);
        s.done(i + 400, impl, "functional");
        long m = s.tools(i + 1_200, MAIN, 2, DemoTool.BASH, DemoTool.READ);
        s.end(m + 2_000);
    }

    /** An explorer whose parent was inferred, a permission prompt, then a security reviewer. */
    private static void authReview(DemoSession s, long t0) {
        s.start(t0);
        long t = s.tools(t0 + 600, MAIN, 1, DemoTool.GLOB);
        String explore = s.spawn(t + 700, MAIN, true, "Explore", "Find API endpoints",
                "List every HTTP route with file:line.");
        long e = s.tools(t + 1_000, explore, 6, DemoTool.GREP, DemoTool.READ, DemoTool.READ);
        s.done(e + 300, explore, "functional");
        long w = e + 1_500;
        s.waiting(w, "Claude needs your permission to use Bash");
        long r = s.tool(w + 9_000, MAIN, DemoTool.BASH, null);
        String review = s.spawn(r + 600, MAIN, false, "general-purpose", "Review auth",
                "Review the JWT middleware for token validation gaps.");
        s.skill(r + 1_000, review, "security-review");
        long v = s.tools(r + 1_300, review, 5, DemoTool.READ, DemoTool.GREP, DemoTool.READ, DemoTool.BASH);
        s.done(v + 400, review, "partial");
        s.end(v + 2_500);
    }

    /** A writer that fails after a dead link, and an explorer that finishes well. */
    private static void docsRefresh(DemoSession s, long t0) {
        s.start(t0);
        String writer = s.spawn(t0 + 1_000, MAIN, false, "general-purpose", "Refresh API reference",
                "Update docs/api/reference.md against the current endpoints.");
        s.skill(t0 + 1_300, writer, "docs-style");
        long w = s.tools(t0 + 1_500, writer, 2, DemoTool.WEB_SEARCH, DemoTool.READ);
        w = s.tool(w + 600, writer, DemoTool.WEB_FETCH, "HTTP 404 Not Found");
        w = s.tools(w, writer, 2, DemoTool.WRITE, DemoTool.BASH);
        s.done(w + 500, writer, Canonical.OUTCOME_FAILURE);
        String links = s.spawn(w + 1_200, MAIN, false, "Explore", "Check links",
                "Find links in docs/ that point to removed pages.");
        long l = s.tools(w + 1_500, links, 4, DemoTool.GREP, DemoTool.GLOB, DemoTool.READ);
        s.done(l + 300, links, "functional");
        s.end(l + 2_000);
    }

    /** A lead that fans out one worker per package, each with an explorer of its own: the swarm at its widest. */
    private static void packageMigration(DemoSession s, long t0) {
        s.start(t0);
        long t = s.tools(t0 + 400, MAIN, 1, DemoTool.GLOB);
        String lead = s.spawn(t + 500, MAIN, false, "Plan", "Plan the ES module migration",
                "Plan moving every package of the monorepo to ES modules.");
        long l = s.tools(t + 800, lead, 2, DemoTool.READ, DemoTool.GREP);
        long last = l;
        String[] packages = {"core", "cli", "server", "web", "shared"};
        for (int k = 0; k < packages.length; k++) {
            long at = l + 300 + k * 400L;
            String pkg = "packages/" + packages[k];
            String worker = s.spawn(at, lead, false, "general-purpose", "Migrate " + pkg,
                    "Convert " + pkg + " to ES modules and keep its tests green.");
            String scout = s.spawn(at + 600, worker, false, "Explore", "Find require() in " + pkg,
                    "List every require() and module.exports in " + pkg + ".");
            long found = s.tools(at + 900, scout, 3 + k % 3, DemoTool.GREP, DemoTool.READ);
            s.done(found + 300, scout, "functional");
            // The worker outlives its explorer, as a parent waits for what it asked for.
            long worked = Math.max(s.tools(at + 1_000, worker, 6 + k % 4, DemoTool.EDIT, DemoTool.READ,
                    DemoTool.EDIT, DemoTool.BASH), found + 600);
            s.done(worked + 400, worker, k == 3 ? "partial" : "functional");
            last = Math.max(last, worked + 400);
        }
        long f = s.tools(last + 500, lead, 2, DemoTool.BASH, DemoTool.READ);
        s.done(f + 400, lead, "functional");
        s.end(f + 2_000);
    }
}
