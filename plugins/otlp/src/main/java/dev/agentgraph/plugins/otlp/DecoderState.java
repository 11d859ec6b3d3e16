package dev.agentgraph.plugins.otlp;

/**
 * What the receiver remembers between requests, every part bounded in size and age. One lock
 * (the receiver's) guards all of it.
 */
final class DecoderState {

    final SessionBook sessions;
    /** Tool-call ids already emitted, so that a tool seen in both logs and spans counts once. */
    final RecentMap<Boolean> toolCalls;
    /** Cost and tokens per (session, agent id). */
    final RecentMap<Usage> agentUsage;
    /** Claude Code agents announced from beta spans, by (session, agent id). */
    final RecentMap<Boolean> claudeAgents;
    /** GenAI agents by (trace id, span id): seen as a parent, or arrived. */
    final RecentMap<SpanAgent> spanAgents;
    /** The session of each trace, once known. */
    final RecentMap<String> traceSessions;
    /** (session, event.sequence) of Claude Code log events already decoded: a retried export counts once. */
    final RecentMap<Boolean> logSequences;

    DecoderState(int capacity, long ttlMillis) {
        sessions = new SessionBook(capacity, ttlMillis);
        toolCalls = new RecentMap<>(capacity, ttlMillis);
        agentUsage = new RecentMap<>(capacity, ttlMillis);
        claudeAgents = new RecentMap<>(capacity, ttlMillis);
        spanAgents = new RecentMap<>(capacity, ttlMillis);
        traceSessions = new RecentMap<>(capacity, ttlMillis);
        logSequences = new RecentMap<>(capacity, ttlMillis);
    }

    static String key(String a, String b) {
        return a + '\u0000' + b;
    }

    /** Usage of an agent, created on first use. */
    Usage agentUsage(String session, String agent, long now) {
        String k = key(session, agent);
        Usage u = agentUsage.get(k, now);
        if (u == null) {
            u = new Usage();
            agentUsage.put(k, u, now);
        }
        return u;
    }

    void expire(long now) {
        sessions.expire(now);
        toolCalls.expire(now);
        agentUsage.expire(now);
        claudeAgents.expire(now);
        spanAgents.expire(now);
        traceSessions.expire(now);
        logSequences.expire(now);
    }
}
