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
    /**
     * A live agent learnt something after its spawn: {@code id} and the changed fields among
     * {@code model}, {@code subagent_type}, {@code waiting}, {@code task}, {@code idle},
     * {@code stopping}. A field
     * given as JSON {@code null} is cleared. The orchestrator is {@code id = main}.
     */
    public static final String AGENT_UPDATE = "agent_update";
    /**
     * A session learnt something: the changed fields among {@code model}, {@code cwd},
     * {@code project}, {@code orchestrator_type}, {@code compacting}, {@code tasks},
     * {@code cost_usd}, {@code cost_partial}, {@code host}, {@code runtime}, {@code held}.
     */
    public static final String SESSION_UPDATE = "session_update";
    /** An API error ended a turn of an agent: {@code agent_id}, {@code error}. */
    public static final String TURN_FAILED = "turn_failed";

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
    /** What kind of agent a node is: {@link #KIND_SUBAGENT} (the default) or {@link #KIND_TEAMMATE}. */
    public static final String KIND = "kind";
    public static final String KIND_SUBAGENT = "subagent";
    public static final String KIND_TEAMMATE = "teammate";
    /** The agent team a teammate belongs to. */
    public static final String TEAM = "team";
    /** True while an agent (or, on a session, its orchestrator) waits for the user. */
    public static final String WAITING_FLAG = "waiting";
    /** A teammate's current task subject. */
    public static final String TASK = "task";
    /** True while a teammate has nothing to do. */
    public static final String IDLE = "idle";
    /** True once the user stopped an agent from the page ({@link Controls}): its tool calls are denied until it ends. */
    public static final String STOPPING = "stopping";
    /** True while the user holds a session from the page ({@link Controls}): it may spawn no sub-agent. */
    public static final String HELD = "held";
    /** The type of a session's orchestrator when started as a named agent ({@code --agent NAME}). */
    public static final String ORCHESTRATOR_TYPE = "orchestrator_type";
    /** True while a session compacts its context. */
    public static final String COMPACTING = "compacting";
    /** A session's shared task list: objects with {@code id}, {@code subject}, {@code status}, {@code owner}. */
    public static final String TASKS = "tasks";
    /** The machine a session runs on. */
    public static final String HOST = "host";
    /** The agent runtime of a session: {@code claude-code}, {@code codex}, {@code gemini}, an OTLP service name. */
    public static final String RUNTIME = "runtime";

    /** The id of a session's orchestrator node. */
    public static final String ORCHESTRATOR = "main";
    /** The session of an event that names none, such as the seed's. */
    public static final String DEFAULT_SESSION = "default";

    // Outcomes the platform itself gives.
    /** The agent was silent for longer than the configured limit. */
    public static final String OUTCOME_STALE = "stale";
    /** The agent's session ended before the agent stopped. */
    public static final String OUTCOME_SESSION_ENDED = "session_ended";
    /** The runtime no longer lists the agent as running, though its stop was never seen. */
    public static final String OUTCOME_LOST = "lost";
    /** The agent finished as it should. */
    public static final String OUTCOME_SUCCESS = "success";
    /** The agent (or its spawning call) failed. */
    public static final String OUTCOME_FAILURE = "failure";
    /** The user interrupted the agent. */
    public static final String OUTCOME_INTERRUPTED = "interrupted";

    /**
     * The project name shown for a working directory: its last path element, trailing separators
     * ignored. Linear in the length and never a regular expression, because {@code cwd} is
     * untrusted.
     */
    public static String projectOf(String cwd) {
        if (cwd == null) {
            return null;
        }
        int end = cwd.length();
        while (end > 0 && isSeparator(cwd.charAt(end - 1))) {
            end--;
        }
        int start = end;
        while (start > 0 && !isSeparator(cwd.charAt(start - 1))) {
            start--;
        }
        return start == end ? cwd : cwd.substring(start, end);
    }

    /**
     * A string from an untrusted payload cut to at most {@code max} characters, with an ellipsis
     * when cut; never splits a surrogate pair. Every decoder bounds what it emits with this.
     */
    public static String bound(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = max - 1;
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }

    private static boolean isSeparator(char c) {
        return c == '/' || c == '\\';
    }

    private Canonical() {
    }
}
