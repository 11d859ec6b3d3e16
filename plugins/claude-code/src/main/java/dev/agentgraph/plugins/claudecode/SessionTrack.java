package dev.agentgraph.plugins.claudecode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** What the decoder remembers of one session; every collection is capped. */
final class SessionTrack {
    private static final int MAX_DONE = 256;
    /** Agents that never stop (a lost SubagentStop) must not grow the map forever. */
    static final int MAX_AGENTS = 1024;

    final String id;
    final int maxPending;
    String cwd;
    String model;
    /** The orchestrator's agent type when the session was started with {@code --agent NAME}. */
    String orchestratorType;
    /** The machine the session runs on, as its hook lines say. */
    String host;
    /** The session's own transcript, for the orchestrator's cost and model. */
    String transcriptPath;
    /** The orchestrator's part of the bill, from the session transcript, once read. */
    TranscriptTotals ownCost;
    /** What the finished sub-agents cost, summed, and whether any of them was billed only in part. */
    double agentsCostUsd;
    boolean agentsCostPartial;
    /** When the session transcript was last read, and whether the session was active since. */
    Instant costReadAt;
    boolean costDirty;
    final SessionTasks tasks = new SessionTasks();
    /** Agents (by node id, {@code main} for the orchestrator) that wait for the user now. */
    final Set<String> waiting = new HashSet<>();
    /** The agent that last began to wait: a permission prompt without an agent id is its. */
    String lastWaiter;
    boolean compacting;
    /** Teammates by name; raw agent ids that stand for a teammate node. */
    final Map<String, String> teammates = new HashMap<>();
    final Map<String, String> aliases = new HashMap<>();
    /** The session's client sends agent ids or SubagentStart/Stop; no legacy inference then. */
    boolean modern;
    /** Clock time of the last payload, for expiry. */
    Instant lastSeen;
    final Map<String, PendingSpawn> pending = new LinkedHashMap<>();
    final Map<String, AgentTrack> agents = new LinkedHashMap<>();
    private final LinkedHashSet<String> done = new LinkedHashSet<>();

    SessionTrack(String id, int maxPending, Instant now) {
        this.id = id;
        this.maxPending = maxPending;
        this.lastSeen = now;
    }

    void addPending(PendingSpawn p) {
        pending.put(p.toolUseId, p);
        if (pending.size() > maxPending) {
            Iterator<PendingSpawn> it = pending.values().iterator();
            it.next();
            it.remove();
        }
    }

    /** Remembers an agent; past the cap the oldest is forgotten (alive-agents retires it as stale). */
    void add(AgentTrack agent) {
        agents.put(agent.id, agent);
        if (agents.size() > MAX_AGENTS) {
            Iterator<AgentTrack> it = agents.values().iterator();
            it.next();
            it.remove();
        }
    }

    /** The unclaimed spawns, oldest first. */
    List<PendingSpawn> unclaimed() {
        List<PendingSpawn> list = new ArrayList<>();
        for (PendingSpawn p : pending.values()) {
            if (p.claimedBy == null) {
                list.add(p);
            }
        }
        return list;
    }

    /** A join chosen for a {@code SubagentStart}: the spawn (or null) and whether it was a guess. */
    record Join(PendingSpawn spawn, boolean inferred) {
    }

    /**
     * Picks the spawn a {@code SubagentStart} of {@code agentType} belongs to: the oldest unclaimed
     * spawn of that type. The edge is observed when the parent cannot be otherwise (one candidate,
     * or all candidates share the parent), inferred otherwise.
     */
    Join join(String agentType) {
        List<PendingSpawn> open = unclaimed();
        List<PendingSpawn> typed = new ArrayList<>();
        for (PendingSpawn p : open) {
            if (p.effectiveType().equals(agentType)) {
                typed.add(p);
            }
        }
        if (typed.isEmpty()) {
            return new Join(open.isEmpty() ? null : open.get(0), true);
        }
        PendingSpawn first = typed.get(0);
        boolean sameParent = typed.stream().allMatch(p -> Objects.equals(p.parentId, first.parentId));
        return new Join(first, !sameParent);
    }

    /** The agent joined to a spawn's tool_use_id, if any. */
    AgentTrack agentOfToolUse(String toolUseId) {
        if (toolUseId == null) {
            return null;
        }
        for (AgentTrack a : agents.values()) {
            if (toolUseId.equals(a.toolUseId)) {
                return a;
            }
        }
        return null;
    }

    void finished(String agentId) {
        AgentTrack gone = agents.remove(agentId);
        if (gone != null && gone.teammate) {
            teammates.values().removeIf(agentId::equals);
            aliases.values().removeIf(agentId::equals);
        }
        waiting.remove(agentId);
        done.add(agentId);
        if (done.size() > MAX_DONE) {
            Iterator<String> it = done.iterator();
            it.next();
            it.remove();
        }
    }

    boolean isDone(String agentId) {
        return done.contains(agentId);
    }
}
