package dev.agentgraph.plugins.codex;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the decoder remembers of one Codex session: its place and model, its live sub-agents,
 * which agent each turn belongs to (that is how a sub-agent's parent is known), and who waits
 * for permission. Every map is capped: a session that spawns without end forgets its oldest.
 */
final class CodexSession {

    /** Per session: live agents, finished ids, turns. */
    static final int CAP = 256;

    /** A live sub-agent. */
    static final class Agent {
        final String id;
        final String parentId;
        final Instant started;
        String model;
        boolean failed;

        Agent(String id, String parentId, Instant started, String model) {
            this.id = id;
            this.parentId = parentId;
            this.started = started;
            this.model = model;
        }
    }

    final String id;
    String cwd;
    String model;
    String host;
    boolean compacting;
    final Map<String, Agent> agents = capped();
    final Map<String, Boolean> done = capped();
    /** turn_id to the agent whose turn it is ({@code main} for the orchestrator). */
    final Map<String, String> turnOwners = capped();
    final Set<String> waiting = new HashSet<>();

    CodexSession(String id) {
        this.id = id;
    }

    private static <V> Map<String, V> capped() {
        return new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > CAP;
            }
        };
    }
}
