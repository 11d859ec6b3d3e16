package dev.agentgraph.plugins.claudecode;

import dev.agentgraph.api.Canonical;
import dev.agentgraph.api.Event;
import dev.agentgraph.api.HookLine;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The sessions the decoder tracks, and the ones that ended. Both are bounded (least recently used
 * first out) so that a long run with many sessions keeps a fixed footprint; the ended ones are
 * kept so that a payload arriving after {@code SessionEnd} does not revive its session.
 */
final class Sessions {
    private static final int MAX_ENDED = 1024;

    private final int maxSessions;
    private final int maxPending;
    private final Clock clock;
    private final Map<String, SessionTrack> sessions = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, Boolean> ended = new LinkedHashMap<>(16, 0.75f, true);

    Sessions(int maxSessions, int maxPending, Clock clock) {
        this.maxSessions = maxSessions;
        this.maxPending = maxPending;
        this.clock = clock;
    }

    /**
     * The session of a payload, touched as seen now; a session first met mid-way (AgentGraph
     * joined a running session) is announced with what is known.
     */
    SessionTrack track(String id, String hook, Event e, Out out) {
        SessionTrack s = sessions.get(id);
        if (s == null) {
            s = new SessionTrack(id, maxPending, clock.instant());
            s.cwd = e.string(Canonical.CWD);
            s.host = Texts.bound(e.string(HookLine.HOST), Texts.NAME);
            sessions.put(id, s);
            if (sessions.size() > maxSessions) {
                Iterator<SessionTrack> it = sessions.values().iterator();
                it.next();
                it.remove();
            }
            if (!"SessionStart".equals(hook) && !"SessionEnd".equals(hook)) {
                out.emit(CanonicalEvents.sessionStart(s, null, out));
            }
        }
        s.lastSeen = clock.instant();
        if (s.cwd == null) {
            s.cwd = e.string(Canonical.CWD);
        }
        return s;
    }

    /** A tracked session, or null; counts as a use for the bound. */
    SessionTrack get(String id) {
        return sessions.get(id);
    }

    boolean hasEnded(String id) {
        return ended.containsKey(id);
    }

    /** A {@code SessionStart} (a resume) brings an ended session back. */
    void reopen(String id) {
        ended.remove(id);
    }

    void end(String id) {
        sessions.remove(id);
        ended.put(id, Boolean.TRUE);
        if (ended.size() > MAX_ENDED) {
            Iterator<String> it = ended.keySet().iterator();
            it.next();
            it.remove();
        }
    }

    /** Forgets the sessions last seen before {@code idleLimit} and hands every other one to {@code live}. */
    void sweep(Instant idleLimit, Consumer<SessionTrack> live) {
        for (Iterator<SessionTrack> it = sessions.values().iterator(); it.hasNext(); ) {
            SessionTrack s = it.next();
            if (s.lastSeen.isBefore(idleLimit)) {
                it.remove();
                continue;
            }
            live.accept(s);
        }
    }

    int size() {
        return sessions.size();
    }
}
