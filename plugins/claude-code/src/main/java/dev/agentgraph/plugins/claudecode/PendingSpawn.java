package dev.agentgraph.plugins.claudecode;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;

/**
 * A {@code PreToolUse} of {@code Agent} (or {@code Task}) whose agent is not known yet. Its
 * {@code parentId} is observed: the {@code agent_id} of the payload, or {@code main}. What the
 * call asked for ({@code tool_input}) is read here once.
 */
final class PendingSpawn {
    final String toolUseId;
    final String tool;
    final String parentId;
    final String subagentType;
    /** {@code tool_input.model}: rarely given; the agent definition decides otherwise. */
    final String model;
    final String description;
    final String prompt;
    /** {@code run_in_background: true}. */
    final boolean background;
    /** A named spawn into an agent team ({@code name}, {@code team_name}): a teammate. */
    final String teammateName;
    final String team;
    final Instant at;
    final Instant seen;
    /** The agent a {@code SubagentStart} tentatively joined to this spawn. */
    String claimedBy;

    PendingSpawn(String toolUseId, String tool, String parentId, JsonObject input, Instant at, Instant seen) {
        this.toolUseId = toolUseId;
        this.tool = tool;
        this.parentId = parentId;
        this.subagentType = Texts.bound(Texts.string(input, "subagent_type"), Texts.NAME);
        this.model = Texts.bound(Texts.string(input, "model"), Texts.NAME);
        this.description = Texts.bound(Texts.string(input, "description"), Texts.SUMMARY);
        this.prompt = Texts.bound(Texts.string(input, "prompt"), Texts.PROMPT_PREVIEW);
        JsonElement bg = input == null ? null : input.get("run_in_background");
        this.background = bg != null && bg.isJsonPrimitive() && bg.getAsJsonPrimitive().isBoolean() && bg.getAsBoolean();
        String team = Texts.string(input, "team_name");
        String name = Texts.string(input, "name");
        this.teammateName = team != null && name != null ? Texts.bound(name, Texts.NAME) : null;
        this.team = teammateName == null ? null : Texts.bound(team, Texts.NAME);
        this.at = at;
        this.seen = seen;
    }

    /** Claude Code runs {@code general-purpose} when the call names no type. */
    String effectiveType() {
        return subagentType == null ? "general-purpose" : subagentType;
    }
}
