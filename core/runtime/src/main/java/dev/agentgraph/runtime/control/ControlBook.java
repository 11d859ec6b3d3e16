package dev.agentgraph.runtime.control;

import dev.agentgraph.api.Canonical;
import dev.agentgraph.api.Controls;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * The one owner of the control decisions: which agents are stopped and which sessions held, in
 * memory for the http decision and as {@link ControlMarkers} for the file-mode hook. Changed by
 * {@link ControlRoutes} (the page's actions), forgotten by {@link ControlReducer} when the agent
 * or session ends, or after {@link #TTL}.
 */
public final class ControlBook implements Controls {

    /** The tools that start a sub-agent: Claude Code's {@code Agent} (once {@code Task}), Codex's {@code spawn_agent}. */
    static final List<String> SPAWN_TOOLS = List.of("Agent", "Task", "spawn_agent");
    private static final Set<String> SPAWNING = Set.copyOf(SPAWN_TOOLS);
    /** A decision outlives a missed {@code agent_done} or {@code session_end} by no more than this. */
    static final Duration TTL = Duration.ofHours(24);

    static final Denial STOPPED = new Denial("AgentGraph: the user stopped this agent from the graph. Do not call any more"
            + " tools: stop now and report what you have done and found so far.");
    static final Denial HELD = new Denial("AgentGraph: the user holds this session: no new sub-agent may be started."
            + " Go on without spawning one, or wait until the user releases the session.");

    private final boolean enabled;
    private final ControlMarkers markers;
    private final Logger log;
    /** {@code session/agent} to the time it was stopped. */
    private final Map<String, Instant> stopped = new ConcurrentHashMap<>();
    /** A held session to the time it was held. */
    private final Map<String, Instant> held = new ConcurrentHashMap<>();

    ControlBook(boolean enabled, ControlMarkers markers, Logger log) {
        this.enabled = enabled;
        this.markers = markers;
        this.log = log;
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public Optional<Denial> denial(String sessionId, String agentId, String tool) {
        if (!enabled || sessionId == null || (stopped.isEmpty() && held.isEmpty())) {
            return Optional.empty();
        }
        String agent = agentId == null || agentId.isEmpty() ? Canonical.ORCHESTRATOR : agentId;
        if (stopped.containsKey(key(sessionId, agent))) {
            return Optional.of(STOPPED);
        }
        if (tool != null && SPAWNING.contains(tool) && held.containsKey(sessionId)) {
            return Optional.of(HELD);
        }
        return Optional.empty();
    }

    /** Stops an agent; false when it already was. The ids are {@link ControlIds#plain}. */
    boolean stop(String session, String agent, Instant now) {
        if (stopped.putIfAbsent(key(session, agent), now) != null) {
            return false;
        }
        files("stop " + session + "/" + agent, () -> markers.stop(session, agent, STOPPED.hookAnswer()));
        return true;
    }

    /** Holds a session; false when it already was. */
    boolean hold(String session, Instant now) {
        if (held.putIfAbsent(session, now) != null) {
            return false;
        }
        files("hold " + session, () -> markers.hold(session, SPAWN_TOOLS, HELD.hookAnswer()));
        return true;
    }

    /** Releases a held session; false when it was not held. */
    boolean release(String session) {
        if (held.remove(session) == null) {
            return false;
        }
        files("release " + session, () -> markers.release(session, SPAWN_TOOLS));
        return true;
    }

    /** The agent ended: its stop is done. */
    void agentEnded(String session, String agent) {
        if (stopped.remove(key(session, agent)) != null) {
            files("forget " + session + "/" + agent, () -> markers.agentEnded(session, agent));
        }
    }

    /** The session ended: every decision of it goes. */
    void sessionEnded(String session) {
        boolean had = held.remove(session) != null;
        had |= stopped.keySet().removeIf(k -> k.startsWith(session + "/"));
        if (had) {
            files("forget " + session, () -> markers.sessionEnded(session));
        }
    }

    /** Forgets decisions older than {@link #TTL}, whose end was never seen. */
    void expire(Instant now) {
        Instant before = now.minus(TTL);
        stopped.entrySet().removeIf(e -> {
            if (e.getValue().isAfter(before)) {
                return false;
            }
            String[] ids = e.getKey().split("/", 2);
            files("expire " + e.getKey(), () -> markers.agentEnded(ids[0], ids[1]));
            return true;
        });
        held.entrySet().removeIf(e -> {
            if (e.getValue().isAfter(before)) {
                return false;
            }
            files("expire " + e.getKey(), () -> markers.release(e.getKey(), SPAWN_TOOLS));
            return true;
        });
    }

    /** At start and at close: no marker outlives the server that can show and release it. */
    void clearFiles() {
        files("clear " + markers.root(), markers::clear);
    }

    private interface FileWork {
        void run() throws IOException;
    }

    /** A marker that cannot be written leaves the http decision standing; file mode then allows (fails open). */
    private void files(String what, FileWork work) {
        try {
            work.run();
        } catch (IOException | RuntimeException e) {
            log.warn("control: cannot {} in {}: {}; the file-mode hook will let these calls run", what, markers.root(),
                    e.toString());
        }
    }

    private static String key(String session, String agent) {
        return session + "/" + agent;
    }
}
