package dev.agentgraph.plugins.tools;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.agentgraph.api.Canonical;
import dev.agentgraph.api.Emitter;
import dev.agentgraph.api.Event;
import dev.agentgraph.api.Reducer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts tool calls ({@code tool_use}) and skill uses ({@code skill_use}) per (session, agent,
 * name): running totals and a recent rate, so a page can draw "Bash ×12" buckets without counting
 * pulses itself. Publishes the whole table as a {@code tool_stats} event at most once per interval
 * and only when it changed; forgets an agent at its {@code agent_done} and a session at its
 * {@code session_end}. History events count in the totals but not in the rate.
 */
final class ToolAggregatorReducer implements Reducer {

    private final Duration interval;
    private final int maxAgents;
    private final int maxNames;
    private final Clock clock;
    /** Insertion-ordered, so that past the cap the agent counted first is forgotten first. */
    private final Map<String, AgentTools> agents = new LinkedHashMap<>();
    private boolean changed;
    private boolean recentAtLastUpdate;
    private Instant lastUpdate = Instant.MIN;

    ToolAggregatorReducer(Duration interval, int maxAgents, int maxNames, Clock clock) {
        this.interval = interval;
        this.maxAgents = maxAgents;
        this.maxNames = maxNames;
        this.clock = clock;
    }

    @Override
    public Event reduce(Event event, Emitter emit) {
        switch (event.type()) {
            case Canonical.TOOL_USE -> count(event, true, event.string(Canonical.TOOL, "unknown"));
            case Canonical.SKILL_USE -> count(event, false, event.string(Canonical.SKILL, "unknown"));
            case Canonical.TOOL_FAILED -> {
                AgentTools tools = agents.get(key(event.session(), agentOf(event)));
                if (tools != null) {
                    tools.tool(event.string(Canonical.TOOL, "unknown")).failed++;
                    changed = true;
                }
            }
            case Canonical.AGENT_DONE -> {
                String id = event.string(Canonical.ID);
                if (id != null && agents.remove(key(event.session(), id)) != null) {
                    changed = true;
                }
            }
            case Canonical.SESSION_END -> forgetSession(event.session());
            default -> {
            }
        }
        return event;
    }

    @Override
    public void tick(Instant now, Emitter emit) {
        // Ticks come about once a second; a little slack keeps a 1 s interval from skipping one.
        boolean due = !now.isBefore(lastUpdate.plus(interval).minus(interval.dividedBy(10)));
        if (!due || !(changed || recentAtLastUpdate)) {
            return;
        }
        long second = now.getEpochSecond();
        emit.emit(Event.builder(Canonical.TOOL_STATS).ts(now).put("tools", table(second)).build());
        lastUpdate = now;
        changed = false;
        recentAtLastUpdate = agents.values().stream().anyMatch(a -> a.hasRecent(second));
    }

    @Override
    public void snapshot(JsonObject snapshot) {
        snapshot.add("tools", table(clock.instant().getEpochSecond()));
    }

    private void count(Event event, boolean tool, String name) {
        String session = event.session();
        String agent = agentOf(event);
        String key = key(session, agent);
        AgentTools tools = agents.get(key);
        if (tools == null) {
            if (agents.size() >= maxAgents) {
                Iterator<String> eldest = agents.keySet().iterator();
                eldest.next();
                eldest.remove();
            }
            tools = new AgentTools(session, agent, maxNames);
            agents.put(key, tools);
        }
        ToolCount c = tool ? tools.tool(name) : tools.skill(name);
        c.count++;
        tools.total++;
        if (!event.isHistory()) {
            c.rate.add(clock.instant().getEpochSecond());
        }
        changed = true;
    }

    private void forgetSession(String session) {
        if (agents.values().removeIf(a -> a.sessionId.equals(session))) {
            changed = true;
        }
    }

    private JsonArray table(long nowSecond) {
        JsonArray array = new JsonArray();
        agents.values().forEach(a -> array.add(a.toJson(nowSecond)));
        return array;
    }

    private static String agentOf(Event event) {
        String agent = event.string(Canonical.AGENT_ID);
        return agent == null || agent.isEmpty() ? Canonical.ORCHESTRATOR : agent;
    }

    private static String key(String session, String agent) {
        return session + '\u0000' + agent;
    }
}
