package dev.agentgraph.plugins.claudecode;

import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import dev.agentgraph.api.Canonical;
import java.util.Objects;

/**
 * Agent teams: teammates are long-lived agents of the lead's session, known by name
 * ({@code TeammateIdle}, {@code TaskCreated}, a named {@code Agent} spawn into a team). Their hook
 * events carry an {@code agent_id} of the form {@code a<name>-<hash>} and their name as
 * {@code agent_type}; every such id is an alias of one node, {@code teammate:<name>}, hanging from
 * the orchestrator and drawn as a teammate rather than as a sub-agent of a tool call.
 */
final class Teams {
    private static final String NODE_PREFIX = "teammate:";
    /** Raw ids remembered per session as aliases of teammate nodes. */
    private static final int MAX_ALIASES = 256;

    private Teams() {
    }

    /** The teammate node a raw {@code agent_id} belongs to, or null when it is no teammate's. */
    static String nodeOf(SessionTrack s, String rawId, String agentType, Out out) {
        String node = s.aliases.get(rawId);
        if (node != null) {
            return node;
        }
        if (agentType == null || agentType.isEmpty()) {
            return null;
        }
        node = s.teammates.get(agentType);
        if (node == null && isTeammateId(rawId, agentType) && !s.agents.containsKey(rawId)) {
            node = teammate(s, agentType, null, out).id;
        }
        if (node != null && s.aliases.size() < MAX_ALIASES) {
            s.aliases.put(rawId, node);
        }
        return node;
    }

    /** {@code a<name>-<hash>}: what Claude Code names a teammate's agent. */
    private static boolean isTeammateId(String rawId, String name) {
        return rawId.length() > name.length() + 2 && rawId.charAt(0) == 'a'
                && rawId.startsWith(name, 1) && rawId.charAt(name.length() + 1) == '-';
    }

    /** The teammate of that name, announced if new. */
    static AgentTrack teammate(SessionTrack s, String name, String team, Out out) {
        String bounded = Texts.bound(name, Texts.NAME);
        String id = s.teammates.get(bounded);
        AgentTrack known = id == null ? null : s.agents.get(id);
        if (known != null) {
            if (team != null && known.team == null) {
                known.team = Texts.bound(team, Texts.NAME);
            }
            return known;
        }
        AgentTrack t = new AgentTrack(NODE_PREFIX + bounded, out.at);
        t.teammate = true;
        t.subagentType = bounded;
        t.team = Texts.bound(team, Texts.NAME);
        t.parentId = Canonical.ORCHESTRATOR;
        s.teammates.put(bounded, t.id);
        s.add(t);
        out.emit(CanonicalEvents.agentSpawn(s, t, out));
        return t;
    }

    /** A teammate that asked for a spawn's tool call becomes that teammate, with what the call said. */
    static AgentTrack spawned(SessionTrack s, PendingSpawn spawn, Out out) {
        AgentTrack t = teammate(s, spawn.teammateName, spawn.team, out);
        if (t.prompt == null && spawn.prompt != null) {
            t.prompt = spawn.prompt;
            t.description = spawn.description;
            out.emit(CanonicalEvents.agentSpawn(s, t, out));
        }
        spawn.claimedBy = t.id;
        return t;
    }

    /** {@code TeammateIdle}: the teammate has nothing to do. */
    static void idle(SessionTrack s, String name, String team, Out out) {
        if (name == null || name.isEmpty()) {
            return;
        }
        AgentTrack t = teammate(s, name, team, out);
        if (!t.idle) {
            t.idle = true;
            out.emit(CanonicalEvents.agentUpdate(s, t.id, out).put(Canonical.IDLE, true));
        }
    }

    /** Any activity of a node: a teammate that was idle works again. */
    static void active(SessionTrack s, String nodeId, Out out) {
        AgentTrack t = s.agents.get(nodeId);
        if (t != null && t.teammate && t.idle) {
            t.idle = false;
            out.emit(CanonicalEvents.agentUpdate(s, t.id, out).put(Canonical.IDLE, false));
        }
    }

    /** The teammate's current task: a subject, or null when it has none. */
    static void task(SessionTrack s, String name, String team, String subject, Out out) {
        if (name == null || name.isEmpty()) {
            return;
        }
        AgentTrack t = teammate(s, name, team, out);
        boolean wasIdle = t.idle;
        t.idle = subject == null && t.idle;
        if (!Objects.equals(t.task, subject) || wasIdle != t.idle) {
            t.task = subject;
            out.emit(CanonicalEvents.agentUpdate(s, t.id, out)
                    .put(Canonical.TASK, subject == null ? JsonNull.INSTANCE : new JsonPrimitive(subject))
                    .put(Canonical.IDLE, t.idle));
        }
    }
}
