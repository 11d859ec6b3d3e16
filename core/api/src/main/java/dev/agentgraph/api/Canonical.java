package dev.agentgraph.api;

/**
 * Names of the canonical event schema (documented field by field in {@code docs/events.md}).
 * The seed's four types and fields are kept as they were; everything else extends them. A
 * producer may write these events directly, one JSON object a line.
 */
public final class Canonical {

    // Types.
    /** A sub-agent was born: {@code id}, {@code subagent_type}, {@code model}, {@code prompt_preview}. */
    public static final String AGENT_SPAWN = "agent_spawn";
    /** A sub-agent finished or left: {@code id}, {@code outcome}, {@code duration_ms}, {@code cost_usd}. */
    public static final String AGENT_DONE = "agent_done";
    /** A tool call began: {@code agent_id}, {@code tool}. */
    public static final String TOOL_USE = "tool_use";
    /** A tool call returned: {@code agent_id}, {@code tool}, {@code tool_use_id}. */
    public static final String TOOL_DONE = "tool_done";
    /** A tool call failed: {@code agent_id}, {@code tool}, {@code tool_use_id}, {@code error}. */
    public static final String TOOL_FAILED = "tool_failed";
    /** A skill was used: {@code agent_id}, {@code skill}. */
    public static final String SKILL_USE = "skill_use";
    /** A session began: {@code session_id}, {@code cwd}, {@code project}, {@code model}. */
    public static final String SESSION_START = "session_start";
    /** A session ended; every agent of it leaves: {@code session_id}, {@code reason}. */
    public static final String SESSION_END = "session_end";
    /** A session waits for the user until its next activity: {@code session_id}, {@code message}. */
    public static final String WAITING = "waiting";
    /** Rate-limited tool counts from the tool aggregator: {@code tools}. */
    public static final String TOOL_STATS = "tool_stats";

    // Fields of the seed schema.
    public static final String TS = "ts";
    public static final String EVENT = "event";
    public static final String ID = "id";
    public static final String SUBAGENT_TYPE = "subagent_type";
    public static final String MODEL = "model";
    public static final String PROMPT_PREVIEW = "prompt_preview";
    public static final String OUTCOME = "outcome";
    public static final String DURATION_MS = "duration_ms";
    public static final String COST_USD = "cost_usd";
    public static final String AGENT_ID = "agent_id";
    public static final String TOOL = "tool";
    public static final String SKILL = "skill";

    // Extensions.
    public static final String SESSION_ID = "session_id";
    public static final String PARENT_ID = "parent_id";
    /** True when the parent was inferred rather than observed. */
    public static final String PARENT_INFERRED = "parent_inferred";
    public static final String DESCRIPTION = "description";
    public static final String TOOL_USE_ID = "tool_use_id";
    /** A short, bounded summary of a tool call: the command, file path or pattern. */
    public static final String SUMMARY = "summary";
    public static final String CWD = "cwd";
    public static final String PROJECT = "project";
    public static final String REASON = "reason";
    public static final String MESSAGE = "message";
    public static final String ERROR = "error";
    public static final String TOKENS = "tokens";
    /** True when cost and tokens cover only part of the agent's work. */
    public static final String COST_PARTIAL = "cost_partial";

    /** The id of a session's orchestrator node. */
    public static final String ORCHESTRATOR = "main";
    /** The session of an event that names none, such as the seed's. */
    public static final String DEFAULT_SESSION = "default";

    // Outcomes the platform itself gives.
    /** The agent was silent for longer than the configured limit. */
    public static final String OUTCOME_STALE = "stale";
    /** The agent's session ended before the agent stopped. */
    public static final String OUTCOME_SESSION_ENDED = "session_ended";

    private Canonical() {
    }
}
