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
            Canonical.TOOL_USE, Canonical.TOOL_DONE, Canonical.TOOL_FAILED, Canonical.SKILL_USE, Canonical.WAITING);

    private final Duration staleAfter;
    private final int maxAgents;
    private final int maxSessions;
    private final Clock clock;
    private final Map<String, SessionState> sessions = new LinkedHashMap<>();
    private int agentCount;

    AliveAgentsReducer(Duration staleAfter, int maxAgents, int maxSessions, Clock clock) {
        this.staleAfter = staleAfter;
        this.maxAgents = maxAgents;
        this.maxSessions = maxSessions;
        this.clock = clock;
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
        session.waiting = Canonical.WAITING.equals(type);
        switch (type) {
            case Canonical.SESSION_START -> session.model = event.string(Canonical.MODEL, session.model);
            case Canonical.AGENT_SPAWN -> spawn(session, event, at, emit);
            case Canonical.AGENT_DONE -> remove(session, event.string(Canonical.ID));
            case Canonical.TOOL_USE, Canonical.SKILL_USE, Canonical.TOOL_DONE, Canonical.TOOL_FAILED -> {
                AgentState agent = session.agents.get(event.string(Canonical.AGENT_ID, Canonical.ORCHESTRATOR));
                if (agent != null) {
                    agent.lastActivity = at;
                }
            }
            default -> {
            }
        }
        return event;
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
        }
        agent.lastActivity = at;
        agent.describe(event, session);
    }

    private void remove(SessionState session, String id) {
        if (id != null && session.agents.remove(id) != null) {
            agentCount--;
        }
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

    private static Event done(AgentState agent, String outcome, Instant at, boolean history) {
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
