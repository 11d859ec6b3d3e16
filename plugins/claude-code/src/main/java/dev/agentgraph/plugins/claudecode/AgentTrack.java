package dev.agentgraph.plugins.claudecode;

import java.time.Instant;

/** A sub-agent or teammate the decoder announced with {@code agent_spawn} and has not yet finished. */
final class AgentTrack {
    final String id;
    final Instant startedAt;
    String parentId;
    boolean parentInferred;
    String subagentType;
    /** The model the spawning call asked for ({@code tool_input.model}): a short name or {@code inherit}. */
    String requestedModel;
    /** The full model id Claude Code resolved ({@code tool_response.resolvedModel}). */
    String resolvedModel;
    /** The model the agent's own transcript names. */
    String transcriptModel;
    /** The model last announced to clients, to tell when an update is due. */
    String announcedModel;
    String description;
    String prompt;
    String toolUseId;
    /** Launched in the background: only such agents are reconciled against {@code background_tasks}. */
    boolean background;
    /** A teammate of an agent team rather than a sub-agent of a tool call. */
    boolean teammate;
    String team;
    /** The id Claude Code's {@code background_tasks} gives a teammate. */
    String backgroundId;
    /** When a payload of this agent last came (its receive time). */
    Instant lastActive;
    /** A listing of running tasks left it out while it was still recently active: lost if it stays silent. */
    boolean unlisted;
    /** A teammate's state: nothing to do, or the subject of its current task. */
    boolean idle;
    String task;
    /** Made from an old client's Task call, with its tool_use_id as id. */
    boolean legacy;
    /** Set while its transcript is read after {@code SubagentStop}. */
    Stop stop;
    /** When its transcript was last looked at for a model, and how often. */
    Instant modelPeekAt;
    int modelPeeks;

    AgentTrack(String id, Instant startedAt) {
        this.id = id;
        this.startedAt = startedAt;
        this.lastActive = startedAt;
    }

    /**
     * The model this agent truly runs, as far as its payloads told: the resolved id, else what its
     * transcript says, else the requested name; {@code inherit} means the session's model.
     */
    String model(String sessionModel) {
        if (resolvedModel != null) {
            return resolvedModel;
        }
        if (transcriptModel != null) {
            return transcriptModel;
        }
        if ("inherit".equals(requestedModel)) {
            return sessionModel;
        }
        return requestedModel;
    }

    /** The model to price with: the known one, else the session's. */
    String pricedModel(String sessionModel) {
        String known = model(sessionModel);
        return known != null ? known : sessionModel;
    }

    /** What {@code SubagentStop} said, kept until the transcript totals arrive. */
    record Stop(Instant at, String outcome) {
    }
}
