package dev.agentgraph.plugins.demo;

import com.google.gson.JsonObject;
import dev.agentgraph.api.Canonical;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Writes the canonical events of one synthetic session into a loop's step list. Times are
 * milliseconds from the loop's start; every method takes the time its event happens and, for
 * activities that last, returns the time they end.
 */
final class DemoSession {

    private static final String[] MODELS = {"claude-opus-4-7", "claude-sonnet-4-6", "claude-haiku-4-5"};

    private final String sessionId;
    private final DemoProject project;
    private final Random rnd;
    private final List<DemoStep> out;
    private final Map<String, Long> spawnedAt = new HashMap<>();
    private final Map<String, Double> costs = new HashMap<>();

    DemoSession(DemoProject project, Random rnd, List<DemoStep> out) {
        this.project = project;
        this.rnd = rnd;
        this.out = out;
        this.sessionId = new UUID(rnd.nextLong() & 0xffffffffffff0fffL | 0x4000L,
                rnd.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L).toString();
    }

    String id() {
        return sessionId;
    }

    void start(long at) {
        JsonObject e = event(Canonical.SESSION_START);
        e.addProperty(Canonical.CWD, project.cwd());
        e.addProperty(Canonical.PROJECT, project.name());
        e.addProperty(Canonical.MODEL, MODELS[0]);
        add(at, e);
    }

    /** Spawns a sub-agent of {@code parent} and returns its id. */
    String spawn(long at, String parent, boolean inferred, String type, String description, String prompt) {
        String id = "a" + HexFormat.of().toHexDigits(rnd.nextLong()).substring(0, 16);
        JsonObject e = event(Canonical.AGENT_SPAWN);
        e.addProperty(Canonical.ID, id);
        e.addProperty(Canonical.PARENT_ID, parent);
        if (inferred) {
            e.addProperty(Canonical.PARENT_INFERRED, true);
        }
        e.addProperty(Canonical.SUBAGENT_TYPE, type);
        e.addProperty(Canonical.MODEL, "Explore".equals(type) ? MODELS[2] : MODELS[rnd.nextInt(2)]);
        e.addProperty(Canonical.DESCRIPTION, description);
        e.addProperty(Canonical.PROMPT_PREVIEW, prompt);
        add(at, e);
        spawnedAt.put(id, at);
        costs.put(id, 0.0);
        return id;
    }

    /** {@code count} tool calls one after another, each with a pause before it; returns the end. */
    long tools(long at, String agent, int count, DemoTool... kinds) {
        long t = at;
        for (int i = 0; i < count; i++) {
            DemoTool kind = kinds.length > 0 ? kinds[i % kinds.length] : DemoTool.values()[rnd.nextInt(5)];
            t = tool(t + 400 + rnd.nextInt(1600), agent, kind, null);
        }
        return t;
    }

    /** One tool call that succeeds, or fails with {@code error}; returns when it returned. */
    long tool(long at, String agent, DemoTool kind, String error) {
        String toolUseId = "toolu_demo" + HexFormat.of().toHexDigits(rnd.nextLong()).substring(0, 12);
        JsonObject use = event(Canonical.TOOL_USE);
        use.addProperty(Canonical.AGENT_ID, agent);
        use.addProperty(Canonical.TOOL, kind.toolName);
        use.addProperty(Canonical.TOOL_USE_ID, toolUseId);
        use.addProperty(Canonical.SUMMARY, kind.summary(project, rnd));
        add(at, use);
        long end = at + 150 + rnd.nextInt(kind == DemoTool.BASH ? 4000 : 1200);
        JsonObject done = event(error == null ? Canonical.TOOL_DONE : Canonical.TOOL_FAILED);
        done.addProperty(Canonical.AGENT_ID, agent);
        done.addProperty(Canonical.TOOL, kind.toolName);
        done.addProperty(Canonical.TOOL_USE_ID, toolUseId);
        if (error != null) {
            done.addProperty(Canonical.ERROR, error);
        }
        add(end, done);
        costs.computeIfPresent(agent, (k, c) -> c + 0.002 + rnd.nextInt(40) / 10_000.0);
        return end;
    }

    void skill(long at, String agent, String skill) {
        JsonObject e = event(Canonical.SKILL_USE);
        e.addProperty(Canonical.AGENT_ID, agent);
        e.addProperty(Canonical.SKILL, skill);
        add(at, e);
    }

    void waiting(long at, String message) {
        JsonObject e = event(Canonical.WAITING);
        e.addProperty(Canonical.MESSAGE, message);
        add(at, e);
    }

    /** The sub-agent finishes with {@code outcome}, its duration, tokens and cost. */
    void done(long at, String id, String outcome) {
        long input = 8_000 + rnd.nextInt(40_000);
        long output = 500 + rnd.nextInt(6_000);
        long cacheWrite = 2_000 + rnd.nextInt(20_000);
        long cacheRead = 20_000 + rnd.nextInt(200_000);
        // The same split as the Claude Code decoder's tokens: priced differently, so kept apart.
        JsonObject tokens = new JsonObject();
        tokens.addProperty("input", input);
        tokens.addProperty("cache_write_5m", cacheWrite);
        tokens.addProperty("cache_write_1h", 0);
        tokens.addProperty("cache_read", cacheRead);
        tokens.addProperty("output", output);
        JsonObject e = event(Canonical.AGENT_DONE);
        e.addProperty(Canonical.ID, id);
        e.addProperty(Canonical.OUTCOME, outcome);
        e.addProperty(Canonical.DURATION_MS, at - spawnedAt.get(id));
        double cost = costs.get(id) + (input * 3 + cacheWrite * 3.75 + output * 15 + cacheRead * 0.3) / 1_000_000.0;
        e.addProperty(Canonical.COST_USD, Math.round(cost * 10_000) / 10_000.0);
        e.add(Canonical.TOKENS, tokens);
        add(at, e);
    }

    void end(long at) {
        JsonObject e = event(Canonical.SESSION_END);
        e.addProperty(Canonical.REASON, "demo_loop_end");
        add(at, e);
    }

    private JsonObject event(String type) {
        JsonObject e = new JsonObject();
        e.addProperty(Canonical.EVENT, type);
        e.addProperty(Canonical.SESSION_ID, sessionId);
        return e;
    }

    private void add(long at, JsonObject fields) {
        out.add(new DemoStep(at, fields));
    }
}
