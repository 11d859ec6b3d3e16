package dev.agentgraph.plugins.claudecode;

import dev.agentgraph.api.Canonical;
import dev.agentgraph.api.Event;

/**
 * The shape of the canonical events the decoder emits. The same event (a session start, a spawn)
 * is announced from several places, so its fields are decided once, here.
 */
final class CanonicalEvents {

    /** The runtime this decoder speaks for, as sessions name it. */
    static final String RUNTIME = "claude-code";

    private CanonicalEvents() {
    }

    /** Every canonical event carries its time and session. */
    static Event.Builder base(String type, SessionTrack s, Out out) {
        return Event.builder(type).ts(out.at).put(Canonical.SESSION_ID, s.id);
    }

    static Event.Builder sessionStart(SessionTrack s, String source, Out out) {
        return base(Canonical.SESSION_START, s, out)
                .put(Canonical.CWD, Texts.bound(s.cwd, Texts.PATH))
                .put(Canonical.PROJECT, Texts.project(s.cwd))
                .put(Canonical.MODEL, s.model)
                .put(Canonical.ORCHESTRATOR_TYPE, s.orchestratorType)
                .put(Canonical.HOST, s.host)
                .put(Canonical.RUNTIME, RUNTIME)
                .put("source", source);
    }

    static Event.Builder sessionUpdate(SessionTrack s, Out out) {
        return base(Canonical.SESSION_UPDATE, s, out);
    }

    /** The orchestrator's place and project, for a session update. */
    static Event.Builder withCwd(Event.Builder b, SessionTrack s) {
        return b.put(Canonical.CWD, Texts.bound(s.cwd, Texts.PATH)).put(Canonical.PROJECT, Texts.project(s.cwd));
    }

    static Event.Builder agentUpdate(SessionTrack s, String agentId, Out out) {
        return base(Canonical.AGENT_UPDATE, s, out).put(Canonical.ID, agentId);
    }

    static Event.Builder agentSpawn(SessionTrack s, AgentTrack a, Out out) {
        a.announcedModel = a.model(s.model);
        return base(Canonical.AGENT_SPAWN, s, out)
                .put(Canonical.ID, a.id)
                .put(Canonical.PARENT_ID, a.parentId)
                .put(Canonical.PARENT_INFERRED, a.parentInferred)
                .put(Canonical.KIND, a.teammate ? Canonical.KIND_TEAMMATE : null)
                .put(Canonical.TEAM, a.team)
                .put(Canonical.SUBAGENT_TYPE, a.subagentType)
                .put(Canonical.MODEL, a.announcedModel)
                .put(Canonical.DESCRIPTION, Texts.bound(a.description, Texts.SUMMARY))
                .put(Canonical.PROMPT_PREVIEW, Texts.bound(a.prompt, Texts.PROMPT_PREVIEW))
                .put(Canonical.TOOL_USE_ID, a.toolUseId)
                .put(Canonical.CWD, Texts.bound(s.cwd, Texts.PATH))
                .put(Canonical.PROJECT, Texts.project(s.cwd));
    }

    /** Without totals the cost is unknown, which downstream must see as partial, not as zero. */
    static Event.Builder agentDone(SessionTrack s, AgentTrack agent, String outcome, long durationMs,
                                   TranscriptTotals totals, Out out) {
        Event.Builder b = base(Canonical.AGENT_DONE, s, out)
                .put(Canonical.ID, agent.id)
                .put(Canonical.PARENT_ID, agent.parentId)
                .put(Canonical.OUTCOME, outcome)
                .put(Canonical.DURATION_MS, durationMs)
                .put(Canonical.MODEL, totals != null && totals.model() != null ? totals.model() : agent.model(s.model));
        if (totals == null) {
            b.put(Canonical.COST_PARTIAL, true);
        } else {
            b.put(Canonical.COST_USD, totals.costUsd() == null ? null : round(totals.costUsd()))
                    .put(Canonical.TOKENS, totals.tokens().toJson())
                    .put(Canonical.COST_PARTIAL, totals.partial() || totals.costUsd() == null);
        }
        return b;
    }

    static double round(double usd) {
        return Math.round(usd * 1_000_000.0) / 1_000_000.0;
    }
}
