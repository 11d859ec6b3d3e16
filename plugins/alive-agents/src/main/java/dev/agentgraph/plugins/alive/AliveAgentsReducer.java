package dev.agentgraph.plugins.alive;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.agentgraph.api.Canonical;
import dev.agentgraph.api.Emitter;
import dev.agentgraph.api.Event;
import dev.agentgraph.api.Reducer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps what is alive now: agents from {@code agent_spawn} until {@code agent_done}, keyed by
 * (session, id), and the sessions they belong to. Agents leave when their session ends (outcome
 * {@code session_ended}) or when silent longer than the stale limit (outcome {@code stale}); both
 * are announced with an {@code agent_done} so every client drops them. Memory is bounded by the
 * maps' caps, and nothing of the past is kept.
 *
 * <p>Times: a live event counts as happening now (the clock); a history event at its own
 * {@code ts}, so that agents that went silent long before a restart retire at once.
 */
final class AliveAgentsReducer implements Reducer {

    /** Types that say a session is active, even without a {@code session_id} (the seed's). */
    private static final Set<String> ACTIVITY = Set.of(Canonical.SESSION_START, Canonical.AGENT_SPAWN,
            Canonical.TOOL_USE, Canonical.TOOL_DONE, Canonical.TOOL_FAILED, Canonical.SKILL_USE, Canonical.WAITING,
            Canonical.TURN_FAILED);
    /** Types whose {@code agent_id} (the orchestrator when absent) is the agent that acted. */
    private static final Set<String> ACTS = Set.of(Canonical.TOOL_USE, Canonical.SKILL_USE, Canonical.TOOL_DONE,
            Canonical.TOOL_FAILED, Canonical.TURN_FAILED);

    private final Duration staleAfter;
    private final int maxAgents;
    private final int maxSessions;
    private final Clock clock;
    private final Map<String, SessionState> sessions = new LinkedHashMap<>();
    private final Totals totals;
    private int agentCount;

    AliveAgentsReducer(Duration staleAfter, int maxAgents, int maxSessions, Clock clock) {
        this.staleAfter = staleAfter;
        this.maxAgents = maxAgents;
        this.maxSessions = maxSessions;
        this.clock = clock;
        this.totals = new Totals(clock.instant());
    }

    @Override
    public Event reduce(Event event, Emitter emit) {
        String type = event.type();
        if (!event.isTyped() || Canonical.TOOL_STATS.equals(type)) {
            return event;
        }
        String sessionId = event.session();
        Instant at = timeOf(event);
        if (Canonical.SESSION_END.equals(type)) {
            endSession(sessionId, event.isHistory(), at, emit);
            return event;
        }
        SessionState session = event.has(Canonical.SESSION_ID) || ACTIVITY.contains(type)
                ? touch(sessionId, at, event.isHistory(), emit)
                : sessions.get(sessionId);
        if (session == null) {
            return event;
        }
        String cwd = event.string(Canonical.CWD);
        if (cwd != null && !cwd.isEmpty()) {
            session.cwd = cwd;
        }
        if (Canonical.TOOL_USE.equals(type) && !event.isHistory()) {
            totals.toolCall();
        }
        actedOrWaits(session, event, type, at);
        switch (type) {
            case Canonical.SESSION_START, Canonical.SESSION_UPDATE -> session.describe(event);
            case Canonical.AGENT_SPAWN -> spawn(session, event, at, emit);
            case Canonical.AGENT_DONE -> {
                if (remove(session, event.string(Canonical.ID)) && !event.isHistory()) {
                    totals.left(event.string(Canonical.OUTCOME));
                }
            }
            case Canonical.AGENT_UPDATE -> update(session, event);
            default -> {
            }
        }
        return event;
    }

    /**
     * Who waits for the user: a {@code waiting} event makes its agent (the orchestrator when it
     * names none) wait until that agent acts again or an update says it no longer waits. An
     * agent's own acts also keep it from going stale.
     */
    private static void actedOrWaits(SessionState session, Event event, String type, Instant at) {
        String agentId = event.string(Canonical.AGENT_ID, Canonical.ORCHESTRATOR);
        boolean orchestrator = Canonical.ORCHESTRATOR.equals(agentId);
        if (Canonical.WAITING.equals(type)) {
            if (orchestrator) {
                session.waiting = true;
            } else if (session.agents.containsKey(agentId)) {
                session.agents.get(agentId).waiting(true);
            }
            return;
        }
        if (ACTS.contains(type)) {
            AgentState agent = session.agents.get(agentId);
            if (agent != null) {
                agent.lastActivity = at;
                agent.waiting(false);
            } else if (orchestrator) {
                session.waiting = false;
            }
        } else if (Canonical.SESSION_START.equals(type) || Canonical.AGENT_SPAWN.equals(type)
                && Canonical.ORCHESTRATOR.equals(event.string(Canonical.PARENT_ID, Canonical.ORCHESTRATOR))) {
            session.waiting = false;
        }
    }

    /** An update of a live agent; {@code main} is the orchestrator, whose only such field is waiting. */
    private static void update(SessionState session, Event event) {
        String id = event.string(Canonical.ID);
        AgentState agent = id == null ? null : session.agents.get(id);
        if (agent != null) {
            agent.update(event);
        } else if (Canonical.ORCHESTRATOR.equals(id) && event.has(Canonical.WAITING_FLAG)) {
            session.waiting = event.bool(Canonical.WAITING_FLAG, false);
        }
    }

    @Override
    public void tick(Instant now, Emitter emit) {
        Instant limit = now.minus(staleAfter);
        for (Iterator<SessionState> it = sessions.values().iterator(); it.hasNext(); ) {
            SessionState session = it.next();
            for (Iterator<AgentState> agents = session.agents.values().iterator(); agents.hasNext(); ) {
                AgentState agent = agents.next();
                if (agent.lastActivity.isBefore(limit)) {
                    agents.remove();
                    agentCount--;
                    emit.emit(done(agent, Canonical.OUTCOME_STALE, now, false));
                }
            }
            if (session.agents.isEmpty() && session.lastActivity.isBefore(limit)) {
                it.remove();
            }
        }
    }

    @Override
    public void snapshot(JsonObject snapshot) {
        JsonArray alive = new JsonArray();
        JsonArray list = new JsonArray();
        for (SessionState session : sessions.values()) {
            list.add(session.toJson());
            for (AgentState agent : session.agents.values()) {
                alive.add(agent.toJson());
            }
        }
        snapshot.add("alive", alive);
        snapshot.add("sessions", list);
        snapshot.add("totals", totals.toJson());
    }

    private SessionState touch(String sessionId, Instant at, boolean history, Emitter emit) {
        SessionState session = sessions.get(sessionId);
        if (session == null) {
            if (sessions.size() >= maxSessions) {
                evictOldestSession(at, history, emit);
            }
            session = new SessionState(sessionId, at);
            sessions.put(sessionId, session);
        }
        if (at.isAfter(session.lastActivity)) {
            session.lastActivity = at;
        }
        return session;
    }

    private void spawn(SessionState session, Event event, Instant at, Emitter emit) {
        String id = event.string(Canonical.ID);
        if (id == null || id.isEmpty()) {
            return;
        }
        AgentState agent = session.agents.get(id);
        if (agent == null) {
            if (agentCount >= maxAgents) {
                evictOldestAgent(at, event.isHistory(), emit);
            }
            agent = new AgentState(session.id, id, at);
            session.agents.put(id, agent);
            agentCount++;
            if (!event.isHistory()) {
                totals.spawned();
            }
        }
        agent.lastActivity = at;
        agent.describe(event, session);
    }

    private boolean remove(SessionState session, String id) {
        if (id != null && session.agents.remove(id) != null) {
            agentCount--;
            return true;
        }
        return false;
    }

    private void endSession(String sessionId, boolean history, Instant at, Emitter emit) {
        SessionState session = sessions.remove(sessionId);
        if (session != null) {
            retireAll(session, Canonical.OUTCOME_SESSION_ENDED, at, history, emit);
        }
    }

    private void retireAll(SessionState session, String outcome, Instant at, boolean history, Emitter emit) {
        List<AgentState> leaving = new ArrayList<>(session.agents.values());
        session.agents.clear();
        agentCount -= leaving.size();
        for (AgentState agent : leaving) {
            emit.emit(done(agent, outcome, at, history));
        }
    }

    private void evictOldestSession(Instant at, boolean history, Emitter emit) {
        SessionState oldest = null;
        for (SessionState s : sessions.values()) {
            if (oldest == null || s.lastActivity.isBefore(oldest.lastActivity)) {
                oldest = s;
            }
        }
        if (oldest != null) {
            sessions.remove(oldest.id);
            retireAll(oldest, Canonical.OUTCOME_STALE, at, history, emit);
        }
    }

    private void evictOldestAgent(Instant at, boolean history, Emitter emit) {
        AgentState oldest = null;
        for (SessionState s : sessions.values()) {
            for (AgentState a : s.agents.values()) {
                if (oldest == null || a.lastActivity.isBefore(oldest.lastActivity)) {
                    oldest = a;
                }
            }
        }
        if (oldest != null) {
            sessions.get(oldest.sessionId).agents.remove(oldest.id);
            agentCount--;
            emit.emit(done(oldest, Canonical.OUTCOME_STALE, at, history));
        }
    }

    /** The {@code agent_done} of an agent this reducer retires, counted when live. */
    private Event done(AgentState agent, String outcome, Instant at, boolean history) {
        if (!history) {
            totals.left(outcome);
        }
        Event.Builder b = Event.builder(Canonical.AGENT_DONE).ts(at);
        if (!Canonical.DEFAULT_SESSION.equals(agent.sessionId)) {
            b.put(Canonical.SESSION_ID, agent.sessionId);
        }
        return b.put(Canonical.ID, agent.id)
                .put(Canonical.PARENT_ID, agent.parentId())
                .put(Canonical.OUTCOME, outcome)
                .put(Canonical.DURATION_MS, Math.max(0, Duration.between(agent.startedAt, at).toMillis()))
                .history(history)
                .build();
    }

    private Instant timeOf(Event event) {
        if (event.isHistory()) {
            String ts = event.string(Canonical.TS);
            if (ts != null) {
                try {
                    return Instant.parse(ts);
                } catch (DateTimeParseException e) {
                    // fall through to now
                }
            }
        }
        return clock.instant();
    }

    /** How many agents are alive, for tests. */
    int agentCount() {
        return agentCount;
    }
}
