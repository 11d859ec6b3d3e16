package dev.agentgraph.plugins.claudecode;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.agentgraph.api.Canonical;
import dev.agentgraph.api.Counter;
import dev.agentgraph.api.Emitter;
import dev.agentgraph.api.Event;
import dev.agentgraph.api.Reducer;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import org.slf4j.Logger;

/**
 * Turns raw Claude Code hook payloads (untyped objects with {@code hook_event_name}) into
 * canonical events, and drops the raw payload. Every other event passes untouched.
 *
 * <p>The agent tree: a sub-agent is born at {@code SubagentStart}, joined to the spawning
 * {@code PreToolUse} of {@code Agent}/{@code Task} (whose {@code agent_id}, or {@code main}, is
 * the parent); {@code PostToolUse} with {@code tool_response.agentId} confirms or corrects the
 * join. It finishes at {@code SubagentStop}; {@code async_launched} is not a completion. Clients
 * without agent ids get spawns and completions from the {@code Task} tool calls themselves.
 * Agents still alive when their session ends are retired downstream (alive-agents).
 *
 * <p>All state is bounded: sessions are capped and forgotten at {@code SessionEnd} or when idle,
 * pending joins are capped per session and expire. Transcripts are read on a worker thread and
 * their totals come back through a queue drained on the pipeline thread.
 *
 * <p>This class reads the hooks; the tree itself is kept by {@link AgentTree}, costs by
 * {@link AgentCosts}, sessions by {@link Sessions}, and event shapes by {@link CanonicalEvents}.
 */
final class ClaudeCodeDecoder implements Reducer {

    static final String RECEIVED = "agentgraph_received";
    static final String CUT = "agentgraph_cut";
    private static final Duration PENDING_TTL = Duration.ofMinutes(30);

    /** Settings of the decoder. */
    record Options(int maxSessions, int maxPending, Duration sessionIdle, Duration legacyAfter) {
    }

    private final Options options;
    private final Clock clock;
    private final Logger log;
    private final Counter decoded;
    private final Counter cut;
    private final Counter unknown;
    private final Counter late;
    private final Sessions sessions;
    private final AgentCosts costs;

    ClaudeCodeDecoder(Options options, Pricing pricing, TranscriptReader transcripts, Clock clock, Logger log,
                      Counters counters) {
        this.options = options;
        this.clock = clock;
        this.log = log;
        this.decoded = counters.get("decoded");
        this.cut = counters.get("cut_payloads");
        this.unknown = counters.get("unknown_hooks");
        this.late = counters.get("after_session_end");
        this.sessions = new Sessions(options.maxSessions(), options.maxPending(), clock);
        this.costs = new AgentCosts(pricing, transcripts, log, counters.get("transcript_errors"));
    }

    /** Named counters, as the plugin context gives them. */
    @FunctionalInterface
    interface Counters {
        Counter get(String name);
    }

    @Override
    public Event reduce(Event event, Emitter emit) {
        costs.drain(sessions::get, emit);
        if (event.isTyped()) {
            return event;
        }
        String hook = event.string("hook_event_name");
        if (hook == null) {
            return event;
        }
        decoded.increment();
        if (event.has(CUT)) {
            cut.increment();
            log.warn("a Claude Code {} payload was cut by the hook ({}); decoding what was kept", hook,
                    event.object(CUT));
        }
        Out out = new Out(emit, event.isHistory(), receivedAt(event));
        String sessionId = event.session();
        if (!"SessionStart".equals(hook) && sessions.hasEnded(sessionId)) {
            late.increment();
            return null;
        }
        SessionTrack s = sessions.track(sessionId, hook, event, out);
        if (event.has(Canonical.AGENT_ID)) {
            AgentTree.becomeModern(s, out);
        }
        boolean spawning = "SubagentStart".equals(hook) || ("PreToolUse".equals(hook) && isAgentTool(event));
        if (!spawning) {
            AgentTree.promoteLegacy(s, out, null);
        }
        switch (hook) {
            case "SessionStart" -> sessionStart(s, event, out);
            case "PreToolUse" -> preTool(s, event, out);
            case "PostToolUse" -> postTool(s, event, out);
            case "PostToolUseFailure" -> toolFailed(s, event, out);
            case "SubagentStart" -> subagentStart(s, event, out);
            case "SubagentStop" -> subagentStop(s, event, out);
            case "Notification" -> notification(s, event, out);
            case "SessionEnd" -> sessionEnd(s, event, out);
            case "UserPromptSubmit", "Stop", "PreCompact", "PermissionRequest" -> {
                // activity only: the session is touched above
            }
            default -> unknown.increment();
        }
        return null;
    }

    @Override
    public void tick(Instant now, Emitter emit) {
        costs.drain(sessions::get, emit);
        Instant pendingLimit = now.minus(PENDING_TTL);
        sessions.sweep(now.minus(options.sessionIdle()), s -> {
            AgentTree.promoteLegacy(s, new Out(emit, false, now), now.minus(options.legacyAfter()));
            s.pending.values().removeIf(p -> p.seen.isBefore(pendingLimit));
        });
    }

    @Override
    public void close() {
        costs.close();
    }

    /** How many sessions are remembered, for tests. */
    int sessionCount() {
        return sessions.size();
    }

    // --- hook events ---

    private void sessionStart(SessionTrack s, Event e, Out out) {
        sessions.reopen(s.id);
        s.cwd = e.string(Canonical.CWD, s.cwd);
        s.model = e.string(Canonical.MODEL, s.model);
        out.emit(CanonicalEvents.sessionStart(s, e.string("source"), out));
    }

    private void preTool(SessionTrack s, Event e, Out out) {
        String agent = AgentTree.agentOf(s, e, out);
        String tool = e.string("tool_name");
        String toolUseId = e.string("tool_use_id");
        JsonObject input = e.object("tool_input");
        out.emit(CanonicalEvents.base(Canonical.TOOL_USE, s, out)
                .put(Canonical.AGENT_ID, agent)
                .put(Canonical.TOOL, tool)
                .put(Canonical.TOOL_USE_ID, toolUseId)
                .put(Canonical.SUMMARY, Texts.summary(tool, input)));
        if ("Skill".equals(tool)) {
            out.emit(CanonicalEvents.base(Canonical.SKILL_USE, s, out)
                    .put(Canonical.AGENT_ID, agent)
                    .put(Canonical.SKILL, Texts.bound(Texts.string(input, "skill"), Texts.SUMMARY))
                    .put(Canonical.TOOL_USE_ID, toolUseId));
        }
        if (isAgentTool(e) && toolUseId != null) {
            s.addPending(new PendingSpawn(toolUseId, tool, agent, Texts.string(input, "subagent_type"),
                    Texts.string(input, "model"), Texts.bound(Texts.string(input, "description"), Texts.SUMMARY),
                    Texts.bound(Texts.string(input, "prompt"), Texts.PROMPT_PREVIEW), out.at, clock.instant()));
        }
    }

    private void postTool(SessionTrack s, Event e, Out out) {
        String toolUseId = e.string("tool_use_id");
        out.emit(CanonicalEvents.base(Canonical.TOOL_DONE, s, out)
                .put(Canonical.AGENT_ID, AgentTree.agentOf(s, e, out))
                .put(Canonical.TOOL, e.string("tool_name"))
                .put(Canonical.TOOL_USE_ID, toolUseId)
                .put(Canonical.DURATION_MS, number(e, "duration_ms")));
        if (!isAgentTool(e)) {
            return;
        }
        JsonObject response = e.object("tool_response");
        PendingSpawn spawn = toolUseId == null ? null : s.pending.remove(toolUseId);
        String agentId = Texts.string(response, "agentId");
        AgentTrack agent;
        if (agentId != null) {
            AgentTree.becomeModern(s, out);
            agent = s.agents.get(agentId);
            if (agent == null && !s.isDone(agentId)) {
                agent = AgentTree.spawn(s, agentId, spawn, spawn == null, Texts.string(response, "agentType"), out);
            } else if (agent != null && spawn != null) {
                AgentTree.confirm(s, agent, spawn, out);
            }
        } else {
            agent = s.agents.get(toolUseId);
            if (agent == null && spawn != null) {
                agent = spawn.claimedBy != null ? s.agents.get(spawn.claimedBy)
                        : AgentTree.spawn(s, toolUseId, spawn, false, null, out);
            }
        }
        if (agent == null) {
            return;
        }
        String resolved = Texts.string(response, "resolvedModel");
        if (resolved != null) {
            agent.resolvedModel = resolved;
        }
        String status = Texts.string(response, "status");
        if (agent.stop == null && (agentId == null || "completed".equals(status))) {
            // A foreground run (or an old client's Task) that returned without a SubagentStop.
            String outcome = Texts.shipped(Texts.contentText(response));
            Long took = number(e, "duration_ms");
            Long total = response == null ? null : longOf(response, "totalDurationMs");
            AgentTree.finish(s, agent, outcome == null ? "success" : outcome, total != null ? total : took,
                    costs.payloadTotals(s, agent, response), out);
        }
    }

    private void toolFailed(SessionTrack s, Event e, Out out) {
        String toolUseId = e.string("tool_use_id");
        boolean interrupted = e.bool("is_interrupt", false);
        out.emit(CanonicalEvents.base(Canonical.TOOL_FAILED, s, out)
                .put(Canonical.AGENT_ID, AgentTree.agentOf(s, e, out))
                .put(Canonical.TOOL, e.string("tool_name"))
                .put(Canonical.TOOL_USE_ID, toolUseId)
                .put(Canonical.ERROR, Texts.bound(e.string(Canonical.ERROR), Texts.MESSAGE))
                .put("interrupted", interrupted ? Boolean.TRUE : null)
                .put(Canonical.DURATION_MS, number(e, "duration_ms")));
        if (!isAgentTool(e) || toolUseId == null) {
            return;
        }
        PendingSpawn spawn = s.pending.remove(toolUseId);
        AgentTrack agent = s.agentOfToolUse(toolUseId);
        if (agent == null) {
            agent = s.agents.get(toolUseId);
        }
        if (agent == null && spawn != null && spawn.claimedBy != null) {
            agent = s.agents.get(spawn.claimedBy);
        }
        if (agent != null && agent.stop == null) {
            AgentTree.finish(s, agent, interrupted ? "interrupted" : "failure", null, null, out);
        }
    }

    private void subagentStart(SessionTrack s, Event e, Out out) {
        String id = e.string(Canonical.AGENT_ID);
        if (id == null || s.agents.containsKey(id)) {
            return;
        }
        String type = e.string("agent_type");
        SessionTrack.Join join = s.join(type == null ? "general-purpose" : type);
        AgentTree.spawn(s, id, join.spawn(), join.inferred(), type, out);
    }

    private void subagentStop(SessionTrack s, Event e, Out out) {
        String id = e.string(Canonical.AGENT_ID);
        if (id == null) {
            return;
        }
        AgentTrack agent = s.agents.get(id);
        if (agent == null) {
            if (s.isDone(id)) {
                return;
            }
            agent = AgentTree.spawn(s, id, null, true, e.string("agent_type"), out);
        }
        if (agent.stop != null) {
            return;
        }
        String shipped = Texts.shipped(e.string("last_assistant_message"));
        String outcome = shipped == null ? "success" : shipped;
        Path transcript = transcriptPath(e.string("agent_transcript_path"));
        // History (a replay at start) needs the tree, not the bill: no transcript is read for it.
        if (transcript != null && !out.history && costs.readLater(s, agent, transcript)) {
            agent.stop = new AgentTrack.Stop(out.at, outcome);
            return;
        }
        AgentTree.finish(s, agent, outcome, null, null, out);
    }

    private void notification(SessionTrack s, Event e, Out out) {
        if ("permission_prompt".equals(e.string("notification_type"))) {
            out.emit(CanonicalEvents.base(Canonical.WAITING, s, out)
                    .put(Canonical.MESSAGE, Texts.bound(e.string(Canonical.MESSAGE), Texts.MESSAGE)));
        }
    }

    private void sessionEnd(SessionTrack s, Event e, Out out) {
        // Agents whose transcript is still being read finish now, with what is known.
        for (AgentTrack agent : new ArrayList<>(s.agents.values())) {
            if (agent.stop != null) {
                AgentTree.finishStopped(s, agent, null, out);
            }
        }
        out.emit(CanonicalEvents.base(Canonical.SESSION_END, s, out)
                .put(Canonical.REASON, e.string(Canonical.REASON)));
        sessions.end(s.id);
    }

    // --- payload fields ---

    private Instant receivedAt(Event e) {
        String received = e.string(RECEIVED);
        if (received != null) {
            try {
                return Instant.parse(received);
            } catch (DateTimeParseException ex) {
                // a hand-written line: use the clock
            }
        }
        return clock.instant();
    }

    private static boolean isAgentTool(Event e) {
        String tool = e.string("tool_name");
        return "Agent".equals(tool) || "Task".equals(tool);
    }

    private static Path transcriptPath(String path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        try {
            Path p = Path.of(path);
            return Files.isRegularFile(p) && Files.isReadable(p) ? p : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static Long number(Event e, String field) {
        double v = e.number(field, Double.NaN);
        return Double.isNaN(v) ? null : (long) v;
    }

    private static Long longOf(JsonObject o, String field) {
        JsonElement v = o.get(field);
        return v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber() ? v.getAsLong() : null;
    }
}
