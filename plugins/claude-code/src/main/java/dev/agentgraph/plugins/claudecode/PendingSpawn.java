package dev.agentgraph.plugins.claudecode;

import java.time.Instant;

/**
 * A {@code PreToolUse} of {@code Agent} (or {@code Task}) whose agent is not known yet. Its
 * {@code parentId} is observed: the {@code agent_id} of the payload, or {@code main}.
 */
final class PendingSpawn {
    final String toolUseId;
    final String tool;
    final String parentId;
    final String subagentType;
    final String model;
    final String description;
    final String prompt;
    final Instant at;
    final Instant seen;
    /** The agent a {@code SubagentStart} tentatively joined to this spawn. */
    String claimedBy;

    PendingSpawn(String toolUseId, String tool, String parentId, String subagentType, String model,
                 String description, String prompt, Instant at, Instant seen) {
        this.toolUseId = toolUseId;
        this.tool = tool;
        this.parentId = parentId;
        this.subagentType = subagentType;
        this.model = model;
        this.description = description;
        this.prompt = prompt;
        this.at = at;
        this.seen = seen;
    }

    /** Claude Code runs {@code general-purpose} when the call names no type. */
    String effectiveType() {
        return subagentType == null ? "general-purpose" : subagentType;
    }
}
