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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
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
 */
final class ClaudeCodeDecoder implements Reducer {

    static final String RECEIVED = "agentgraph_received";
    static final String CUT = "agentgraph_cut";
    private static final int MAX_ENDED = 1024;
    private static final int MAX_READS = 64;
    private static final Duration PENDING_TTL = Duration.ofMinutes(30);

    /** Settings of the decoder. */
    record Options(int maxSessions, int maxPending, Duration sessionIdle, Duration legacyAfter) {
    }

    private final Options options;
    private final Pricing pricing;
    private final TranscriptReader transcripts;
    private final Clock clock;
    private final Logger log;
    private final Counter decoded;
    private final Counter cut;
    private final Counter unknown;
    private final Counter late;
    private final Counter transcriptErrors;
    private final Map<String, SessionTrack> sessions = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, Boolean> ended = new LinkedHashMap<>(16, 0.75f, true);
    private final Queue<Totals> totals = new ConcurrentLinkedQueue<>();
    private final AtomicInteger reading = new AtomicInteger();
    private final ExecutorService reader;

    /** Transcript totals of one stopped agent, handed back from the reader thread. */
    private record Totals(String sessionId, String agentId, TranscriptTotals totals) {
    }

    ClaudeCodeDecoder(Options options, Pricing pricing, TranscriptReader transcripts, Clock clock, Logger log,
                      Counters counters) {
        this.options = options;
        this.pricing = pricing;
        this.transcripts = transcripts;
        this.clock = clock;
        this.log = log;
        this.decoded = counters.get("decoded");
        this.cut = counters.get("cut_payloads");
        this.unknown = counters.get("unknown_hooks");
        this.late = counters.get("after_session_end");
        this.transcriptErrors = counters.get("transcript_errors");
        this.reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "claude-code-transcripts");
            t.setDaemon(true);
            return t;
        });
    }

    /** Named counters, as the plugin context gives them. */
    @FunctionalInterface
    interface Counters {
        Counter get(String name);
    }

    @Override
    public Event reduce(Event event, Emitter emit) {
        drain(emit);
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
        if (!"SessionStart".equals(hook) && ended.containsKey(sessionId)) {
            late.increment();
            return null;
        }
        SessionTrack s = session(sessionId, hook, event, out);
        if (event.has(Canonical.AGENT_ID)) {
            becomeModern(s, out);
        }
        boolean spawning = "SubagentStart".equals(hook) || ("PreToolUse".equals(hook) && isAgentTool(event));
        if (!spawning) {
            promoteLegacy(s, out, null);
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
        drain(emit);
        Instant idleLimit = now.minus(options.sessionIdle());
        Instant pendingLimit = now.minus(PENDING_TTL);
        for (Iterator<SessionTrack> it = sessions.values().iterator(); it.hasNext(); ) {
            SessionTrack s = it.next();
            if (s.lastSeen.isBefore(idleLimit)) {
                it.remove();
                continue;
            }
            promoteLegacy(s, new Out(emit, false, now), now.minus(options.legacyAfter()));
            s.pending.values().removeIf(p -> p.seen.isBefore(pendingLimit));
        }
    }

    @Override
    public void close() {
        reader.shutdownNow();
    }

    /** How many sessions are remembered, for tests. */
    int sessionCount() {
        return sessions.size();
    }

    // --- hook events ---

    private void sessionStart(SessionTrack s, Event e, Out out) {
        ended.remove(s.id);
        s.cwd = e.string(Canonical.CWD, s.cwd);
        s.model = e.string(Canonical.MODEL, s.model);
        out.emit(sessionStartEvent(s, e.string("source"), out));
    }

    private void preTool(SessionTrack s, Event e, Out out) {
        String agent = agentOf(s, e, out);
        String tool = e.string("tool_name");
        String toolUseId = e.string("tool_use_id");
        JsonObject input = e.object("tool_input");
        out.emit(base(Canonical.TOOL_USE, s, out)
                .put(Canonical.AGENT_ID, agent)
                .put(Canonical.TOOL, tool)
                .put(Canonical.TOOL_USE_ID, toolUseId)
                .put(Canonical.SUMMARY, Texts.summary(tool, input)));
        if ("Skill".equals(tool)) {
            out.emit(base(Canonical.SKILL_USE, s, out)
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
        out.emit(base(Canonical.TOOL_DONE, s, out)
                .put(Canonical.AGENT_ID, agentOf(s, e, out))
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
            becomeModern(s, out);
            agent = s.agents.get(agentId);
            if (agent == null && !s.isDone(agentId)) {
                agent = spawn(s, agentId, spawn, spawn == null, Texts.string(response, "agentType"), out);
            } else if (agent != null && spawn != null) {
                confirm(s, agent, spawn, out);
            }
        } else {
            agent = s.agents.get(toolUseId);
            if (agent == null && spawn != null) {
                agent = spawn.claimedBy != null ? s.agents.get(spawn.claimedBy)
                        : spawn(s, toolUseId, spawn, false, null, out);
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
            finish(s, agent, outcome == null ? "success" : outcome, total != null ? total : took,
                    payloadTotals(s, agent, response), out);
        }
    }

    private void toolFailed(SessionTrack s, Event e, Out out) {
        String toolUseId = e.string("tool_use_id");
        boolean interrupted = e.bool("is_interrupt", false);
        out.emit(base(Canonical.TOOL_FAILED, s, out)
                .put(Canonical.AGENT_ID, agentOf(s, e, out))
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
            finish(s, agent, interrupted ? "interrupted" : "failure", null, null, out);
        }
    }

    private void subagentStart(SessionTrack s, Event e, Out out) {
        String id = e.string(Canonical.AGENT_ID);
        if (id == null || s.agents.containsKey(id)) {
            return;
        }
        String type = e.string("agent_type");
        SessionTrack.Join join = s.join(type == null ? "general-purpose" : type);
        spawn(s, id, join.spawn(), join.inferred(), type, out);
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
            agent = spawn(s, id, null, true, e.string("agent_type"), out);
        }
        if (agent.stop != null) {
            return;
        }
        String shipped = Texts.shipped(e.string("last_assistant_message"));
        String outcome = shipped == null ? "success" : shipped;
        Path transcript = transcriptPath(e.string("agent_transcript_path"));
        // History (a replay at start) needs the tree, not the bill: no transcript is read for it.
        if (transcript == null || out.history || reading.get() >= MAX_READS) {
            finish(s, agent, outcome, null, null, out);
            return;
        }
        agent.stop = new AgentTrack.Stop(out.at, outcome);
        String model = agent.pricedModel(s.model);
        String sessionId = s.id;
        reading.incrementAndGet();
        try {
            reader.execute(() -> {
                try {
                    totals.add(new Totals(sessionId, id, transcripts.read(transcript, model)));
                } catch (Exception ex) {
                    transcriptErrors.increment();
                    log.warn("cannot read the transcript of agent {}: {}", id, ex.toString());
                    totals.add(new Totals(sessionId, id, null));
                } finally {
                    reading.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException ex) {
            reading.decrementAndGet();
            finish(s, agent, outcome, null, null, out);
        }
    }

    private void notification(SessionTrack s, Event e, Out out) {
        if ("permission_prompt".equals(e.string("notification_type"))) {
            out.emit(base(Canonical.WAITING, s, out)
                    .put(Canonical.MESSAGE, Texts.bound(e.string(Canonical.MESSAGE), Texts.MESSAGE)));
        }
    }

    private void sessionEnd(SessionTrack s, Event e, Out out) {
        // Agents whose transcript is still being read finish now, with what is known.
        for (AgentTrack agent : new ArrayList<>(s.agents.values())) {
            if (agent.stop != null) {
                finishStopped(s, agent, null, out);
            }
        }
        out.emit(base(Canonical.SESSION_END, s, out).put(Canonical.REASON, e.string(Canonical.REASON)));
        sessions.remove(s.id);
        ended.put(s.id, Boolean.TRUE);
        if (ended.size() > MAX_ENDED) {
            Iterator<String> it = ended.keySet().iterator();
            it.next();
            it.remove();
        }
    }

    // --- the agent tree ---

    private SessionTrack session(String id, String hook, Event e, Out out) {
        SessionTrack s = sessions.get(id);
        if (s == null) {
            s = new SessionTrack(id, options.maxPending(), clock.instant());
            s.cwd = e.string(Canonical.CWD);
            sessions.put(id, s);
            if (sessions.size() > options.maxSessions()) {
                Iterator<SessionTrack> it = sessions.values().iterator();
                it.next();
                it.remove();
            }
            if (!"SessionStart".equals(hook) && !"SessionEnd".equals(hook)) {
                // AgentGraph joined a running session: announce it with what is known.
                out.emit(sessionStartEvent(s, null, out));
            }
        }
        s.lastSeen = clock.instant();
        if (s.cwd == null) {
            s.cwd = e.string(Canonical.CWD);
        }
        return s;
    }

    /** The node a tool event belongs to; an unknown sub-agent is announced with an inferred edge. */
    private String agentOf(SessionTrack s, Event e, Out out) {
        String id = e.string(Canonical.AGENT_ID);
        if (id == null || id.isEmpty()) {
            return Canonical.ORCHESTRATOR;
        }
        if (!s.agents.containsKey(id) && !s.isDone(id)) {
            spawn(s, id, null, true, e.string("agent_type"), out);
        }
        return id;
    }

    private AgentTrack spawn(SessionTrack s, String id, PendingSpawn from, boolean inferred, String type, Out out) {
        AgentTrack agent = new AgentTrack(id, out.at);
        agent.subagentType = type;
        agent.parentId = from == null ? Canonical.ORCHESTRATOR : from.parentId;
        agent.parentInferred = inferred;
        if (from != null) {
            describe(agent, from);
            from.claimedBy = id;
        }
        s.add(agent);
        out.emit(spawnEvent(s, agent, out));
        return agent;
    }

    /** A PostToolUse observed the join: fix the parent if the SubagentStart guess was wrong. */
    private void confirm(SessionTrack s, AgentTrack agent, PendingSpawn spawn, Out out) {
        boolean changed = agent.parentInferred || !spawn.parentId.equals(agent.parentId)
                || !spawn.toolUseId.equals(agent.toolUseId);
        if (!spawn.toolUseId.equals(agent.toolUseId)) {
            PendingSpawn previous = agent.toolUseId == null ? null : s.pending.get(agent.toolUseId);
            if (previous != null && agent.id.equals(previous.claimedBy)) {
                previous.claimedBy = null;
            }
        }
        spawn.claimedBy = agent.id;
        agent.parentId = spawn.parentId;
        agent.parentInferred = false;
        describe(agent, spawn);
        if (changed) {
            out.emit(spawnEvent(s, agent, out));
        }
    }

    private static void describe(AgentTrack agent, PendingSpawn from) {
        agent.toolUseId = from.toolUseId;
        agent.subagentType = from.subagentType != null ? from.subagentType : agent.subagentType;
        agent.model = from.model != null ? from.model : agent.model;
        agent.description = from.description;
        agent.prompt = from.prompt;
    }

    /**
     * The session's client sends agent ids after all: a Task call taken for an old client's
     * agent (another event came between it and its SubagentStart) was a guess, and leaves.
     */
    private void becomeModern(SessionTrack s, Out out) {
        if (s.modern) {
            return;
        }
        s.modern = true;
        for (AgentTrack agent : new ArrayList<>(s.agents.values())) {
            if (agent.legacy && agent.stop == null) {
                finish(s, agent, "replaced", null, null, out);
                PendingSpawn spawn = s.pending.get(agent.toolUseId);
                if (spawn != null) {
                    spawn.claimedBy = null; // free for the SubagentStart that really belongs to it
                }
            }
        }
    }

    /** Old clients: a Task call that no SubagentStart claimed becomes its own agent. */
    private void promoteLegacy(SessionTrack s, Out out, Instant seenBefore) {
        if (s.modern || s.pending.isEmpty()) {
            return;
        }
        for (PendingSpawn p : s.unclaimed()) {
            if ("Task".equals(p.tool) && (seenBefore == null || p.seen.isBefore(seenBefore))) {
                spawn(s, p.toolUseId, p, false, null, new Out(out.emit, out.history, p.at)).legacy = true;
            }
        }
    }

    private void finish(SessionTrack s, AgentTrack agent, String outcome, Long durationMs, TranscriptTotals totals,
                        Out out) {
        long duration = durationMs != null ? durationMs : Math.max(0, Duration.between(agent.startedAt, out.at).toMillis());
        Event.Builder b = base(Canonical.AGENT_DONE, s, out)
                .put(Canonical.ID, agent.id)
                .put(Canonical.PARENT_ID, agent.parentId)
                .put(Canonical.OUTCOME, outcome)
                .put(Canonical.DURATION_MS, duration)
                .put(Canonical.MODEL, totals != null && totals.model() != null ? totals.model() : agent.pricedModel(s.model));
        if (totals == null) {
            b.put(Canonical.COST_PARTIAL, true);
        } else {
            b.put(Canonical.COST_USD, totals.costUsd() == null ? null : round(totals.costUsd()))
                    .put(Canonical.TOKENS, totals.tokens().toJson())
                    .put(Canonical.COST_PARTIAL, totals.partial() || totals.costUsd() == null);
        }
        s.finished(agent.id);
        out.emit(b);
    }

    private void finishStopped(SessionTrack s, AgentTrack agent, TranscriptTotals totals, Out out) {
        AgentTrack.Stop stop = agent.stop;
        long duration = Math.max(0, Duration.between(agent.startedAt, stop.at()).toMillis());
        finish(s, agent, stop.outcome(), duration, totals, new Out(out.emit, out.history, stop.at()));
    }

    /** Tokens a payload carries (a foreground run's final request only), so always partial. */
    private TranscriptTotals payloadTotals(SessionTrack s, AgentTrack agent, JsonObject response) {
        JsonElement usage = response == null ? null : response.get("usage");
        Tokens tokens = usage != null && usage.isJsonObject() ? Tokens.fromUsage(usage.getAsJsonObject()) : null;
        if (tokens == null) {
            return null;
        }
        String model = agent.pricedModel(s.model);
        Pricing.Prices prices = pricing.forModel(model);
        return new TranscriptTotals(tokens, prices == null ? null : prices.cost(tokens), model, true);
    }

    private void drain(Emitter emit) {
        Totals t;
        while ((t = totals.poll()) != null) {
            SessionTrack s = sessions.get(t.sessionId());
            AgentTrack agent = s == null ? null : s.agents.get(t.agentId());
            if (agent != null && agent.stop != null) {
                finishStopped(s, agent, t.totals(), new Out(emit, false, agent.stop.at()));
            }
        }
    }

    // --- event building ---

    private static Event.Builder sessionStartEvent(SessionTrack s, String source, Out out) {
        return base(Canonical.SESSION_START, s, out)
                .put(Canonical.CWD, s.cwd)
                .put(Canonical.PROJECT, Texts.project(s.cwd))
                .put(Canonical.MODEL, s.model)
                .put("source", source);
    }

    private Event.Builder spawnEvent(SessionTrack s, AgentTrack a, Out out) {
        return base(Canonical.AGENT_SPAWN, s, out)
                .put(Canonical.ID, a.id)
                .put(Canonical.PARENT_ID, a.parentId)
                .put(Canonical.PARENT_INFERRED, a.parentInferred)
                .put(Canonical.SUBAGENT_TYPE, a.subagentType)
                .put(Canonical.MODEL, a.model != null ? a.model : s.model)
                .put(Canonical.DESCRIPTION, Texts.bound(a.description, Texts.SUMMARY))
                .put(Canonical.PROMPT_PREVIEW, Texts.bound(a.prompt, Texts.PROMPT_PREVIEW))
                .put(Canonical.TOOL_USE_ID, a.toolUseId)
                .put(Canonical.CWD, s.cwd)
                .put(Canonical.PROJECT, Texts.project(s.cwd));
    }

    private static Event.Builder base(String type, SessionTrack s, Out out) {
        return Event.builder(type).ts(out.at).put(Canonical.SESSION_ID, s.id);
    }

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

    private static double round(double usd) {
        return Math.round(usd * 1_000_000.0) / 1_000_000.0;
    }

    /** Where derived events go, whether they are history, and the time they happened. */
    private static final class Out {
        final Emitter emit;
        final boolean history;
        final Instant at;

        Out(Emitter emit, boolean history, Instant at) {
            this.emit = emit;
            this.history = history;
            this.at = at;
        }

        void emit(Event.Builder b) {
            emit.emit(b.history(history).build());
        }

        void emit(Event e) {
            emit.emit(history ? e.asHistory() : e);
        }
    }
}
