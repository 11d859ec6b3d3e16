package dev.agentgraph.plugins.claudecode;

import dev.agentgraph.api.Canonical;
import dev.agentgraph.api.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;

/**
 * The agent tree of one session: which agent exists, who its parent is, and when it is done.
 * Spawns are announced from many hooks (a SubagentStart, a confirming PostToolUse, an old
 * client's Task call, a tool event of an unknown agent), and each must keep the same joins and
 * the same events, so the bookkeeping lives here rather than in each hook.
 */
final class AgentTree {

    private AgentTree() {
    }

    /**
     * The node an event belongs to: the orchestrator without an {@code agent_id}, a teammate's node
     * for a teammate's id, else the sub-agent, announced with an inferred edge when unknown.
     */
    static String agentOf(SessionTrack s, Event e, Out out) {
        String id = e.string(Canonical.AGENT_ID);
        if (id == null || id.isEmpty()) {
            return Canonical.ORCHESTRATOR;
        }
        String teammate = Teams.nodeOf(s, id, e.string("agent_type"), out);
        if (teammate != null) {
            return teammate;
        }
        if (!s.agents.containsKey(id) && !s.isDone(id)) {
            spawn(s, id, null, true, e.string("agent_type"), out);
        }
        return id;
    }

    static AgentTrack spawn(SessionTrack s, String id, PendingSpawn from, boolean inferred, String type, Out out) {
        return spawn(s, id, from, inferred, type, null, out);
    }

    /** Spawns an agent; {@code resolvedModel}, when a payload already told it, goes out with the spawn. */
    static AgentTrack spawn(SessionTrack s, String id, PendingSpawn from, boolean inferred, String type,
                            String resolvedModel, Out out) {
        AgentTrack agent = new AgentTrack(id, out.at);
        agent.subagentType = Texts.bound(type, Texts.NAME);
        agent.parentId = from == null ? Canonical.ORCHESTRATOR : from.parentId;
        agent.parentInferred = inferred;
        agent.resolvedModel = resolvedModel;
        if (from != null) {
            describe(agent, from);
            from.claimedBy = id;
        }
        s.add(agent);
        out.emit(CanonicalEvents.agentSpawn(s, agent, out));
        return agent;
    }

    /** A running agent that only the runtime's list of background tasks tells of. */
    static AgentTrack spawnListed(SessionTrack s, String id, String type, String description, Out out) {
        AgentTrack agent = new AgentTrack(id, out.at);
        agent.subagentType = type;
        agent.description = description;
        agent.parentId = Canonical.ORCHESTRATOR;
        agent.parentInferred = true;
        s.add(agent);
        out.emit(CanonicalEvents.agentSpawn(s, agent, out));
        return agent;
    }

    /** Announces the agent's model when what its payloads revealed differs from what clients were told. */
    static void announceModel(SessionTrack s, AgentTrack agent, Out out) {
        String model = agent.model(s.model);
        if (model != null && !model.equals(agent.announcedModel) && agent.stop == null) {
            agent.announcedModel = model;
            out.emit(CanonicalEvents.agentUpdate(s, agent.id, out).put(Canonical.MODEL, model));
        }
    }

    /** A PostToolUse observed the join: fix the parent if the SubagentStart guess was wrong. */
    static void confirm(SessionTrack s, AgentTrack agent, PendingSpawn spawn, Out out) {
        boolean changed = agent.parentInferred || !spawn.parentId.equals(agent.parentId)
                || !spawn.toolUseId.equals(agent.toolUseId);
        if (!spawn.toolUseId.equals(agent.toolUseId)) {
            PendingSpawn previous = agent.toolUseId == null ? null : s.pending.get(agent.toolUseId);
            if (previous != null && agent.id.equals(previous.claimedBy)) {
                previous.claimedBy = null;
            }
        }
        spawn.claimedBy = agent.id;
        agent.parentId = spawn.parentId;
        agent.parentInferred = false;
        describe(agent, spawn);
        if (changed) {
            out.emit(CanonicalEvents.agentSpawn(s, agent, out));
        }
    }

    private static void describe(AgentTrack agent, PendingSpawn from) {
        agent.toolUseId = from.toolUseId;
        agent.subagentType = from.subagentType != null ? from.subagentType : agent.subagentType;
        agent.requestedModel = from.model != null ? from.model : agent.requestedModel;
        agent.background |= from.background;
        agent.description = from.description;
        agent.prompt = from.prompt;
    }

    /**
     * The session's client sends agent ids after all: a Task call taken for an old client's
     * agent (another event came between it and its SubagentStart) was a guess, and leaves.
     */
    static void becomeModern(SessionTrack s, Out out) {
        if (s.modern) {
            return;
        }
        s.modern = true;
        for (AgentTrack agent : new ArrayList<>(s.agents.values())) {
            if (agent.legacy && agent.stop == null) {
                finish(s, agent, "replaced", null, null, out);
                PendingSpawn spawn = s.pending.get(agent.toolUseId);
                if (spawn != null) {
                    spawn.claimedBy = null; // free for the SubagentStart that really belongs to it
                }
            }
        }
    }

    /** Old clients: a Task call that no SubagentStart claimed becomes its own agent. */
    static void promoteLegacy(SessionTrack s, Out out, Instant seenBefore) {
        if (s.modern || s.pending.isEmpty()) {
            return;
        }
        for (PendingSpawn p : s.unclaimed()) {
            if ("Task".equals(p.tool) && (seenBefore == null || p.seen.isBefore(seenBefore))) {
                spawn(s, p.toolUseId, p, false, null, out.at(p.at)).legacy = true;
            }
        }
    }

    /** Without a known duration, the agent ran from its spawn until {@code out.at}. */
    static void finish(SessionTrack s, AgentTrack agent, String outcome, Long durationMs, TranscriptTotals totals,
                       Out out) {
        long duration = durationMs != null ? durationMs : Math.max(0, Duration.between(agent.startedAt, out.at).toMillis());
        Event.Builder done = CanonicalEvents.agentDone(s, agent, outcome, duration, totals, out);
        s.finished(agent.id);
        out.emit(done);
        if (!agent.teammate) {
            SessionCosts.addAgent(s, totals, out);
        }
    }

    /** Finishes an agent whose SubagentStop came earlier, at the time and with the outcome it gave. */
    static void finishStopped(SessionTrack s, AgentTrack agent, TranscriptTotals totals, Out out) {
        AgentTrack.Stop stop = agent.stop;
        long duration = Math.max(0, Duration.between(agent.startedAt, stop.at()).toMillis());
        finish(s, agent, stop.outcome(), duration, totals, out.at(stop.at()));
    }
}
