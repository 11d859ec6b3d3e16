package dev.agentgraph.plugins.otlp;

import dev.agentgraph.api.Canonical;
import java.time.Instant;

/**
 * The sessions the receiver has seen: a {@code session_start} the first time (with the machine
 * and the runtime from the OTLP resource), a {@code session_update} when either changes, and the
 * session's cost. Bounded; the owner locks.
 */
final class SessionBook {

    static final String HOST = "host";
    static final String RUNTIME = "runtime";

    static final class Session {
        String host;
        String runtime;
        String model;
        /** From Claude Code's {@code api_request} log events. */
        final Usage fromLogs = new Usage();
        /** From Claude Code's {@code llm_request} spans, used only while no log event priced the session. */
        final Usage fromSpans = new Usage();
    }

    private final RecentMap<Session> sessions;

    SessionBook(int capacity, long ttlMillis) {
        this.sessions = new RecentMap<>(capacity, ttlMillis);
    }

    /** The session, announced first if it is new, updated if its machine or runtime changed. */
    Session touch(String id, String runtime, String host, Instant ts, long now, Out out) {
        Session s = sessions.get(id, now);
        if (s == null) {
            s = new Session();
            s.host = host;
            s.runtime = runtime;
            sessions.put(id, s, now);
            out.add(Out.event(Canonical.SESSION_START, id, ts).put(HOST, host).put(RUNTIME, runtime));
            return s;
        }
        boolean hostChanged = host != null && !host.equals(s.host);
        boolean runtimeChanged = runtime != null && !runtime.equals(s.runtime);
        if (hostChanged || runtimeChanged) {
            s.host = hostChanged ? host : s.host;
            s.runtime = runtimeChanged ? runtime : s.runtime;
            out.add(Out.event(Types.SESSION_UPDATE, id, ts)
                    .put(HOST, hostChanged ? host : null).put(RUNTIME, runtimeChanged ? runtime : null));
        }
        return s;
    }

    /** A {@code session_update} with the session's cost so far: the log events' when there are any. */
    void announceCost(String id, Session s, Instant ts, Out out) {
        Usage usage = s.fromLogs.isEmpty() ? s.fromSpans : s.fromLogs;
        out.add(Out.event(Types.SESSION_UPDATE, id, ts)
                .put(Canonical.COST_USD, usage.priced ? usage.roundedCost() : null)
                .put(Canonical.COST_PARTIAL, !usage.priced)
                .put(Canonical.TOKENS, usage.tokens())
                .put(Canonical.MODEL, s.model));
    }

    void expire(long now) {
        sessions.expire(now);
    }

    int size() {
        return sessions.size();
    }
}
