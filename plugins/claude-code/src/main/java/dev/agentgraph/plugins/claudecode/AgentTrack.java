package dev.agentgraph.plugins.claudecode;

import java.time.Instant;

/** A sub-agent the decoder announced with {@code agent_spawn} and has not yet finished. */
final class AgentTrack {
    final String id;
    final Instant startedAt;
    String parentId;
    boolean parentInferred;
    String subagentType;
    String model;
    String description;
    String prompt;
    String toolUseId;
    /** The full model name Claude Code resolved, once a {@code PostToolUse} told it. */
    String resolvedModel;
    /** Made from an old client's Task call, with its tool_use_id as id. */
    boolean legacy;
    /** Set while its transcript is read after {@code SubagentStop}. */
    Stop stop;

    AgentTrack(String id, Instant startedAt) {
        this.id = id;
        this.startedAt = startedAt;
    }

    /** The model to price with: the resolved one, else the requested one, else the session's. */
    String pricedModel(String sessionModel) {
        return resolvedModel != null ? resolvedModel : model != null ? model : sessionModel;
    }

    /** What {@code SubagentStop} said, kept until the transcript totals arrive. */
    record Stop(Instant at, String outcome) {
    }
}
