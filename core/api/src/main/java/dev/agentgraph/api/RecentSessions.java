package dev.agentgraph.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sessions a decoder follows, by id, within bounds: at most {@code max} (to make room the
 * least recently seen is forgotten) and none silent longer than {@code idle} once
 * {@link #forgetIdle} runs (from the reducer's tick). For a reducer: pipeline thread only, no locks.
 *
 * @param <S> what the decoder keeps of a session
 */
public final class RecentSessions<S> {

    private final int max;
    private final Duration idle;
    private final Map<String, Seen<S>> sessions = new LinkedHashMap<>(16, 0.75f, true);

    public RecentSessions(int max, Duration idle) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive");
        }
        this.max = max;
        this.idle = idle;
    }

    /** The session {@code id}, now seen at {@code at}; {@code null} when it is not followed (then {@link #add}). */
    public S seen(String id, Instant at) {
        Seen<S> s = sessions.get(id);
        if (s == null) {
            return null;
        }
        s.at = at;
        return s.session;
    }

    /** Follows a new session, seen at {@code at}; returns it. */
    public S add(String id, S session, Instant at) {
        if (sessions.size() >= max && !sessions.containsKey(id)) {
            Iterator<Seen<S>> eldest = sessions.values().iterator();
            eldest.next();
            eldest.remove();
        }
        Seen<S> s = new Seen<>(session);
        s.at = at;
        sessions.put(id, s);
        return session;
    }

    /** Forgets the sessions not seen since {@code now - idle}. */
    public void forgetIdle(Instant now) {
        Instant limit = now.minus(idle);
        sessions.values().removeIf(s -> s.at.isBefore(limit));
    }

    public void clear() {
        sessions.clear();
    }

    public int size() {
        return sessions.size();
    }

    private static final class Seen<S> {
        final S session;
        Instant at;

        Seen(S session) {
            this.session = session;
        }
    }
}
