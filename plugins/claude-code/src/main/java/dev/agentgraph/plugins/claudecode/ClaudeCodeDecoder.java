package dev.agentgraph.plugins.claudecode;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.agentgraph.api.Canonical;
import dev.agentgraph.api.Counter;
import dev.agentgraph.api.Emitter;
import dev.agentgraph.api.Event;
import dev.agentgraph.api.HookLine;
import dev.agentgraph.api.Reducer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * Turns raw Claude Code hook payloads (untyped objects with {@code hook_event_name} whose
 * {@link HookLine#RUNTIME} is {@code claude-code}, or absent on lines written before the mark)
 * into canonical events, and drops the raw payload. Every other event passes untouched.
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
    private final Counter lost;
    private final Counter listed;
    private final Counter copies;
    private final Sessions sessions;
    private final OffThread offThread = new OffThread();
    private final AgentCosts costs;
    private final SessionCosts sessionCosts;
    private final ModelPeek modelPeek;

    ClaudeCodeDecoder(Options options, Pricing pricing, TranscriptReader transcripts, Clock clock, Logger log,
                      Counters counters) {
        this.options = options;
        this.clock = clock;
        this.log = log;
        this.decoded = counters.get("decoded");
        this.cut = counters.get("cut_payloads");
        this.unknown = counters.get("unknown_hooks");
        this.late = counters.get("after_session_end");
        this.lost = counters.get("lost_agents");
        this.listed = counters.get("listed_agents");
        this.copies = counters.get("ingest_copies");
        this.sessions = new Sessions(options.maxSessions(), options.maxPending(), clock);
        Counter transcriptErrors = counters.get("transcript_errors");
        this.costs = new AgentCosts(pricing, transcripts, offThread, log, transcriptErrors);
        this.sessionCosts = new SessionCosts(transcripts, offThread, log, transcriptErrors, clock);
        this.modelPeek = new ModelPeek(offThread);
    }

    /** Named counters, as the plugin context gives them. */
    @FunctionalInterface
    interface Counters {
        Counter get(String name);
    }

    @Override
    public Event reduce(Event event, Emitter emit) {
        offThread.drain(sessions::get, emit);
        // A hook payload is known by hook_event_name, not by the absence of "event": FileChanged
        // has a member "event" of its own.
        String hook = event.string("hook_event_name");
        if (hook == null || !HookLine.isFrom(event, CanonicalEvents.RUNTIME, true)) {
            return event; // not a hook payload, or another runtime's
        }
        if (!event.isHistory() && HookLine.isOwnCopy(event.string(HookLine.VIA))) {
            copies.increment(); // decoded already, when this process's http-ingest received it
            return null;
        }
        decoded.increment();
        if (event.has(HookLine.CUT)) {
            cut.increment();
            log.warn("a Claude Code {} payload was cut by the hook ({}); decoding what was kept",
                    Texts.bound(hook, Texts.NAME), event.object(HookLine.CUT));
        }
        Out out = new Out(emit, event.isHistory(), receivedAt(event));
        String sessionId = event.session();
        if (!"SessionStart".equals(hook) && sessions.hasEnded(sessionId)) {
            late.increment();
            return null;
        }
        SessionTrack s = sessions.track(sessionId, hook, event, out);
        learnSession(s, event, out);
        if (event.has(Canonical.AGENT_ID)) {
            AgentTree.becomeModern(s, out);
        }
        boolean spawning = "SubagentStart".equals(hook) || ("PreToolUse".equals(hook) && isAgentTool(event));
        if (!spawning) {
            AgentTree.promoteLegacy(s, out, null);
        }
        String actor = actorOf(s, event);
        if (!HookEvents.WAITS.contains(hook) && s.waiting.remove(actor)) {
            out.emit(CanonicalEvents.agentUpdate(s, actor, out).put(Canonical.WAITING_FLAG, false));
        }
        Teams.active(s, actor, out);
        AgentTrack acting = s.agents.get(actor);
        if (acting != null) {
            acting.lastActive = out.at;
            acting.unlisted = false;
        }
        s.costDirty = true;
        switch (hook) {
            case "SessionStart" -> sessionStart(s, event, out);
            case "PreToolUse" -> preTool(s, event, out);
            case "PostToolUse" -> postTool(s, event, out);
            case "PostToolUseFailure" -> toolFailed(s, event, out);
            case "PermissionDenied" -> permissionDenied(s, event, out);
            case "PermissionRequest" -> waitFor(s, actor, "Permission to use " + Texts.bound(event.string("tool_name"),
                    Texts.NAME), out);
            case "Elicitation" -> waitFor(s, actor, event.string(Canonical.MESSAGE), out);
            case "Notification" -> notification(s, event, out);
            case "SubagentStart" -> subagentStart(s, event, out);
            case "SubagentStop" -> subagentStop(s, event, out);
            case "Stop" -> stop(s, event, Canonical.ORCHESTRATOR, out);
            case "StopFailure" -> stopFailure(s, event, actor, out);
            case "PreCompact" -> compacting(s, true, out);
            case "PostCompact" -> compacting(s, false, out);
            case "CwdChanged" -> cwdChanged(s, event, out);
            case "PostModelSwitch" -> modelSwitched(s, event, out);
            case "TaskCreated", "TaskCompleted" -> taskEvent(s, event, "TaskCompleted".equals(hook), out);
            case "TeammateIdle" -> Teams.idle(s, event.string("teammate_name"), event.string("team_name"), out);
            case "SessionEnd" -> sessionEnd(s, event, out);
            default -> {
                if (!HookEvents.KNOWN.contains(hook)) {
                    unknown.increment(); // a newer event: still activity of its session
                }
            }
        }
        return null;
    }

    @Override
    public void tick(Instant now, Emitter emit) {
        offThread.drain(sessions::get, emit);
        Instant pendingLimit = now.minus(PENDING_TTL);
        sessions.sweep(now.minus(options.sessionIdle()), s -> {
            AgentTree.promoteLegacy(s, new Out(emit, false, now), now.minus(options.legacyAfter()));
            s.pending.values().removeIf(p -> p.seen.isBefore(pendingLimit));
            sessionCosts.refreshIfDue(s, now);
            logLost(s, BackgroundTasks.sweep(s, now, new Out(emit, false, now)));
        });
    }

    @Override
    public void close() {
        offThread.close();
    }

    /** How many sessions are remembered, for tests. */
    int sessionCount() {
        return sessions.size();
    }

    // --- what every payload says of its session ---

    /**
     * The machine, the transcript and, for a main session started as a named agent
     * ({@code agent_type} without {@code agent_id}), the orchestrator's type.
     */
    private void learnSession(SessionTrack s, Event e, Out out) {
        String host = Texts.bound(e.string(HookLine.HOST), Texts.NAME);
        if (host != null && !host.equals(s.host)) {
            s.host = host;
            out.emit(CanonicalEvents.sessionUpdate(s, out).put(Canonical.HOST, host));
        }
        String transcript = e.string("transcript_path");
        if (transcript != null && transcript.length() <= Texts.PATH && !e.has(Canonical.AGENT_ID)) {
            s.transcriptPath = transcript;
        }
        String type = Texts.bound(e.string("agent_type"), Texts.NAME);
        if (type != null && !type.isEmpty() && !e.has(Canonical.AGENT_ID) && !type.equals(s.orchestratorType)) {
            s.orchestratorType = type;
            out.emit(CanonicalEvents.sessionUpdate(s, out).put(Canonical.ORCHESTRATOR_TYPE, type));
        }
    }

    /** The node a payload speaks for, without announcing anything. */
    private static String actorOf(SessionTrack s, Event e) {
        String id = e.string(Canonical.AGENT_ID);
        if (id == null || id.isEmpty()) {
            return Canonical.ORCHESTRATOR;
        }
        return s.aliases.getOrDefault(id, id);
    }

    // --- hook events ---

    private void sessionStart(SessionTrack s, Event e, Out out) {
        sessions.reopen(s.id);
        s.cwd = e.string(Canonical.CWD, s.cwd);
        s.model = Texts.bound(e.string(Canonical.MODEL, s.model), Texts.NAME);
        out.emit(CanonicalEvents.sessionStart(s, Texts.bound(e.string("source"), Texts.NAME), out));
        compacting(s, false, out); // a compaction ends with the session starting again ("compact")
    }

    private void preTool(SessionTrack s, Event e, Out out) {
        String agent = AgentTree.agentOf(s, e, out);
        String tool = Texts.bound(e.string("tool_name"), Texts.NAME);
        String toolUseId = Texts.bound(e.string("tool_use_id"), Texts.NAME);
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
            PendingSpawn spawn = new PendingSpawn(toolUseId, tool, agent, input, out.at, clock.instant());
            if (spawn.teammateName != null) {
                Teams.spawned(s, spawn, out);
            }
            s.addPending(spawn);
        }
        peekModel(s, agent, out);
    }

    private void postTool(SessionTrack s, Event e, Out out) {
        String toolUseId = Texts.bound(e.string("tool_use_id"), Texts.NAME);
        String actor = AgentTree.agentOf(s, e, out);
        out.emit(CanonicalEvents.base(Canonical.TOOL_DONE, s, out)
                .put(Canonical.AGENT_ID, actor)
                .put(Canonical.TOOL, Texts.bound(e.string("tool_name"), Texts.NAME))
                .put(Canonical.TOOL_USE_ID, toolUseId)
                .put(Canonical.DURATION_MS, number(e, "duration_ms")));
        JsonObject response = e.object("tool_response");
        taskTool(s, e.string("tool_name"), e.object("tool_input"), response, out);
        peekModel(s, actor, out);
        if (!isAgentTool(e)) {
            return;
        }
        PendingSpawn spawn = toolUseId == null ? null : s.pending.remove(toolUseId);
        String agentId = Texts.bound(Texts.string(response, "agentId"), Texts.NAME);
        String resolved = Texts.bound(Texts.string(response, "resolvedModel"), Texts.NAME);
        AgentTrack agent;
        if (spawn != null && spawn.teammateName != null) {
            if (agentId != null && s.aliases.size() < 256) {
                s.aliases.put(agentId, spawn.claimedBy); // the teammate's own events will carry it
            }
            return;
        }
        if (agentId != null) {
            AgentTree.becomeModern(s, out);
            agent = s.agents.get(agentId);
            if (agent == null && !s.isDone(agentId)) {
                agent = AgentTree.spawn(s, agentId, spawn, spawn == null,
                        Texts.string(response, "agentType"), resolved, out);
            } else if (agent != null && spawn != null) {
                if (resolved != null) {
                    agent.resolvedModel = resolved;
                }
                AgentTree.confirm(s, agent, spawn, out);
            }
        } else {
            agent = s.agents.get(toolUseId);
            if (agent == null && spawn != null) {
                agent = spawn.claimedBy != null ? s.agents.get(spawn.claimedBy)
                        : AgentTree.spawn(s, toolUseId, spawn, false, null, resolved, out);
            }
        }
        if (agent == null) {
            return;
        }
        if (resolved != null) {
            agent.resolvedModel = resolved;
        }
        if (agent.requestedModel == null) {
            // The call's input comes again with its result: its model, if it named one.
            agent.requestedModel = Texts.bound(Texts.string(e.object("tool_input"), "model"), Texts.NAME);
        }
        String status = Texts.string(response, "status");
        if ("async_launched".equals(status)) {
            agent.background = true;
        }
        AgentTree.announceModel(s, agent, out);
        if (agent.stop == null && (agentId == null || "completed".equals(status))) {
            // A foreground run (or an old client's Task) that returned without a SubagentStop.
            String outcome = Texts.shipped(Texts.contentText(response));
            Long took = number(e, "duration_ms");
            Long total = response == null ? null : longOf(response, "totalDurationMs");
            AgentTree.finish(s, agent, outcome == null ? Canonical.OUTCOME_SUCCESS : outcome,
                    total != null ? total : took, costs.payloadTotals(s, agent, response), out);
        }
    }

    private void toolFailed(SessionTrack s, Event e, Out out) {
        String toolUseId = Texts.bound(e.string("tool_use_id"), Texts.NAME);
        boolean interrupted = e.bool("is_interrupt", false);
        out.emit(CanonicalEvents.base(Canonical.TOOL_FAILED, s, out)
                .put(Canonical.AGENT_ID, AgentTree.agentOf(s, e, out))
                .put(Canonical.TOOL, Texts.bound(e.string("tool_name"), Texts.NAME))
                .put(Canonical.TOOL_USE_ID, toolUseId)
                .put(Canonical.ERROR, Texts.bound(e.string(Canonical.ERROR), Texts.MESSAGE))
                .put("interrupted", interrupted ? Boolean.TRUE : null)
                .put(Canonical.DURATION_MS, number(e, "duration_ms")));
        spawnFailed(s, e, toolUseId, interrupted ? Canonical.OUTCOME_INTERRUPTED : Canonical.OUTCOME_FAILURE, out);
    }

    /** A tool call the permission system refused: a failure where it happened. */
    private void permissionDenied(SessionTrack s, Event e, Out out) {
        String toolUseId = Texts.bound(e.string("tool_use_id"), Texts.NAME);
        String reason = e.string(Canonical.REASON);
        out.emit(CanonicalEvents.base(Canonical.TOOL_FAILED, s, out)
                .put(Canonical.AGENT_ID, AgentTree.agentOf(s, e, out))
                .put(Canonical.TOOL, Texts.bound(e.string("tool_name"), Texts.NAME))
                .put(Canonical.TOOL_USE_ID, toolUseId)
                .put(Canonical.ERROR, Texts.bound("Permission denied" + (reason == null ? "" : ": " + reason),
                        Texts.MESSAGE))
                .put("denied", true));
        spawnFailed(s, e, toolUseId, Canonical.OUTCOME_FAILURE, out);
    }

    /** A failed or refused Agent call: its agent, if one was announced, ends with the call. */
    private void spawnFailed(SessionTrack s, Event e, String toolUseId, String outcome, Out out) {
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
        if (agent != null && agent.stop == null && !agent.teammate) {
            AgentTree.finish(s, agent, outcome, null, null, out);
        }
    }

    private void subagentStart(SessionTrack s, Event e, Out out) {
        String id = Texts.bound(e.string(Canonical.AGENT_ID), Texts.NAME);
        String type = Texts.bound(e.string("agent_type"), Texts.NAME);
        if (id == null || s.agents.containsKey(id) || s.isDone(id) || Teams.nodeOf(s, id, type, out) != null) {
            return;
        }
        SessionTrack.Join join = s.join(type == null || type.isEmpty() ? "general-purpose" : type);
        AgentTrack agent = AgentTree.spawn(s, id, join.spawn(), join.inferred(), type, out);
        peekModel(s, agent.id, out);
    }

    private void subagentStop(SessionTrack s, Event e, Out out) {
        String id = Texts.bound(e.string(Canonical.AGENT_ID), Texts.NAME);
        if (id == null) {
            return;
        }
        String type = e.string("agent_type");
        String teammate = Teams.nodeOf(s, id, type, out);
        if (teammate != null) {
            // A teammate's turn ended; it lives on, idle, until its team or session ends.
            Teams.idle(s, s.agents.get(teammate).subagentType, null, out);
            reconcile(s, e, teammate, out);
            return;
        }
        AgentTrack agent = s.agents.get(id);
        if (agent == null) {
            if (s.isDone(id) || type == null || type.isEmpty()) {
                // Done already, or an internal helper (compaction, post-turn) that never started as an agent.
                reconcile(s, e, id, out);
                return;
            }
            agent = AgentTree.spawn(s, id, null, true, type, out);
        }
        reconcile(s, e, id, out);
        if (agent.stop != null) {
            return;
        }
        String shipped = Texts.shipped(e.string("last_assistant_message"));
        String outcome = shipped == null ? Canonical.OUTCOME_SUCCESS : shipped;
        // History (a replay at start) needs the tree, not the bill: no transcript is read for it.
        Path transcript = out.history ? null
                : TranscriptFiles.subagent(e.string("agent_transcript_path"), s.transcriptPath, id);
        if (transcript != null && costs.readLater(s, agent, transcript)) {
            agent.stop = new AgentTrack.Stop(out.at, outcome);
            return;
        }
        AgentTree.finish(s, agent, outcome, null, null, out);
    }

    /** The turn of the orchestrator ended: check the picture against the runtime's list, update the bill. */
    private void stop(SessionTrack s, Event e, String stopping, Out out) {
        reconcile(s, e, stopping, out);
        if (!out.history) {
            sessionCosts.refresh(s, clock.instant());
        }
    }

    private void reconcile(SessionTrack s, Event e, String stopping, Out out) {
        JsonElement list = e.get("background_tasks");
        if (list == null || !list.isJsonArray()) {
            return; // clients before background_tasks: nothing to check against
        }
        BackgroundTasks.Result r = BackgroundTasks.reconcile(s, list.getAsJsonArray(), stopping, out);
        listed.add(r.appeared());
        logLost(s, r.lost());
    }

    private void logLost(SessionTrack s, List<String> ids) {
        lost.add(ids.size());
        for (String id : ids) {
            log.info("agent {} of session {} is no longer listed as running by Claude Code; it leaves as lost",
                    id, s.id);
        }
    }

    private void stopFailure(SessionTrack s, Event e, String actor, Out out) {
        String error = e.string(Canonical.ERROR);
        String message = e.string("last_assistant_message");
        out.emit(CanonicalEvents.base(Canonical.TURN_FAILED, s, out)
                .put(Canonical.AGENT_ID, actor)
                .put(Canonical.ERROR, Texts.bound(error != null ? error : message, Texts.MESSAGE))
                .put(Canonical.MESSAGE, Texts.bound(message, Texts.MESSAGE)));
        if (!out.history) {
            sessionCosts.refresh(s, clock.instant());
        }
    }

    private void waitFor(SessionTrack s, String actor, String message, Out out) {
        s.waiting.add(actor);
        s.lastWaiter = actor;
        out.emit(CanonicalEvents.base(Canonical.WAITING, s, out)
                .put(Canonical.AGENT_ID, Canonical.ORCHESTRATOR.equals(actor) ? null : actor)
                .put(Canonical.MESSAGE, Texts.bound(message, Texts.MESSAGE)));
    }

    /**
     * A permission prompt shown to the user: it belongs to the agent that asked (its
     * {@code PermissionRequest} came first), else to the orchestrator.
     */
    private void notification(SessionTrack s, Event e, Out out) {
        String type = e.string("notification_type");
        if ("permission_prompt".equals(type) || "elicitation_dialog".equals(type)) {
            String waiter = s.lastWaiter != null && s.waiting.contains(s.lastWaiter) ? s.lastWaiter
                    : Canonical.ORCHESTRATOR;
            waitFor(s, waiter, e.string(Canonical.MESSAGE), out);
        }
    }

    private static void compacting(SessionTrack s, boolean now, Out out) {
        if (s.compacting != now) {
            s.compacting = now;
            out.emit(CanonicalEvents.sessionUpdate(s, out).put(Canonical.COMPACTING, now));
        }
    }

    private static void cwdChanged(SessionTrack s, Event e, Out out) {
        String cwd = e.string("new_cwd");
        if (cwd != null && !cwd.equals(s.cwd)) {
            s.cwd = cwd;
            out.emit(CanonicalEvents.withCwd(CanonicalEvents.sessionUpdate(s, out), s));
        }
    }

    private static void modelSwitched(SessionTrack s, Event e, Out out) {
        String model = Texts.bound(e.string("to_model"), Texts.NAME);
        if (model != null && !model.equals(s.model)) {
            s.model = model;
            out.emit(CanonicalEvents.sessionUpdate(s, out).put(Canonical.MODEL, model));
        }
    }

    /** {@code TaskCreated}/{@code TaskCompleted}: the shared list, and the owning teammate's task. */
    private static void taskEvent(SessionTrack s, Event e, boolean completed, Out out) {
        String id = e.string("task_id");
        String subject = e.string("task_subject");
        String owner = e.string("teammate_name");
        if (s.tasks.put(id, subject, completed ? "completed" : "pending", owner)) {
            out.emit(CanonicalEvents.sessionUpdate(s, out).put(Canonical.TASKS, s.tasks.toJson()));
        }
        if (owner != null) {
            Teams.task(s, owner, e.string("team_name"), completed ? null : s.tasks.subject(Texts.bound(id, 40)), out);
        }
    }

    /** The {@code TaskCreate}/{@code TaskUpdate} tools keep the same list. */
    private static void taskTool(SessionTrack s, String tool, JsonObject input, JsonObject response, Out out) {
        boolean changed = false;
        if ("TaskCreate".equals(tool)) {
            JsonElement task = response == null ? null : response.get("task");
            if (task != null && task.isJsonObject()) {
                changed = s.tasks.put(idOf(task.getAsJsonObject(), "id"), Texts.string(task.getAsJsonObject(), "subject"),
                        null, null);
            }
        } else if ("TaskUpdate".equals(tool) && input != null) {
            changed = s.tasks.put(idOf(input, "taskId"), Texts.string(input, "subject"), Texts.string(input, "status"),
                    Texts.string(input, "owner"));
        }
        if (changed) {
            out.emit(CanonicalEvents.sessionUpdate(s, out).put(Canonical.TASKS, s.tasks.toJson()));
        }
    }

    /** Task ids are strings in hook payloads and sometimes numbers in tool input. */
    private static String idOf(JsonObject o, String field) {
        JsonElement v = o.get(field);
        return v != null && v.isJsonPrimitive() ? v.getAsString() : null;
    }

    private void peekModel(SessionTrack s, String agentId, Out out) {
        AgentTrack agent = s.agents.get(agentId);
        if (agent != null) {
            modelPeek.maybe(s, agent, clock.instant(), out.history);
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
                .put(Canonical.REASON, Texts.bound(e.string(Canonical.REASON), Texts.NAME)));
        sessions.end(s.id);
        sessionCosts.forget(s.id);
    }

    // --- payload fields ---

    private Instant receivedAt(Event e) {
        Instant received = HookLine.received(e.string(HookLine.RECEIVED));
        // A line without a readable receive time (a bare payload, a hand-written line): the clock.
        return received != null ? received : clock.instant();
    }

    private static boolean isAgentTool(Event e) {
        String tool = e.string("tool_name");
        return "Agent".equals(tool) || "Task".equals(tool);
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
