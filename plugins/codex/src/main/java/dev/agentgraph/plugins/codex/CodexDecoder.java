package dev.agentgraph.plugins.codex;

import com.google.gson.JsonObject;
import dev.agentgraph.api.Canonical;
import dev.agentgraph.api.Counter;
import dev.agentgraph.api.Emitter;
import dev.agentgraph.api.Event;
import dev.agentgraph.api.HookLine;
import dev.agentgraph.api.RecentSessions;
import dev.agentgraph.api.Reducer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * Turns Codex CLI hook payloads (lines marked {@link HookLine#RUNTIME} {@code codex}) into
 * canonical events, and drops the raw payload; every other event passes untouched.
 *
 * <p>The agent tree: a sub-agent is born at {@code SubagentStart} (its {@code agent_id} is the
 * child thread) and finishes at {@code SubagentStop}. Its parent is the agent whose turn
 * ({@code turn_id}) spawned it, learnt from the earlier payloads of that turn, which carry the
 * acting agent's {@code agent_id} (none: the orchestrator); a turn never seen makes the parent
 * the orchestrator, marked inferred. Tool calls belong to the agent whose {@code agent_id} they
 * carry. Codex has no session end: sessions are forgotten when idle, and alive-agents retires
 * agents that went silent.
 */
final class CodexDecoder implements Reducer {

    private static final String MAIN = Canonical.ORCHESTRATOR;
    private static final int NAME = 200;
    private static final int TEXT = 300;
    private static final int PATH = 4096;
    private static final Set<String> KNOWN = Set.copyOf(CodexHooks.EVENTS);

    private final Clock clock;
    private final Logger log;
    private final Counter decoded;
    private final Counter unknown;
    private final Counter copies;
    private final Counter cut;
    private final RecentSessions<CodexSession> sessions;

    CodexDecoder(int maxSessions, Duration idle, Clock clock, Logger log, Function<String, Counter> counters) {
        this.sessions = new RecentSessions<>(maxSessions, idle);
        this.clock = clock;
        this.log = log;
        this.decoded = counters.apply("decoded");
        this.unknown = counters.apply("unknown_hooks");
        this.copies = counters.apply("ingest_copies");
        this.cut = counters.apply("cut_payloads");
    }

    @Override
    public Event reduce(Event event, Emitter emit) {
        String hook = event.string("hook_event_name");
        if (hook == null || !HookLine.isFrom(event, CodexIntegration.NAME, false)) {
            return event;
        }
        if (!event.isHistory() && HookLine.isOwnCopy(event.string(HookLine.VIA))) {
            copies.increment(); // decoded already, when this process's http-ingest received it
            return null;
        }
        decoded.increment();
        if (event.has(HookLine.CUT)) {
            cut.increment();
            log.warn("a Codex {} payload was cut by the hook ({}); decoding what was kept", bound(hook, NAME),
                    event.object(HookLine.CUT));
        }
        Out out = new Out(emit, event.isHistory(), HookLine.receivedAt(event, clock.instant()));
        CodexSession s = session(event, hook, out);
        String agentId = bound(event.string(Canonical.AGENT_ID), NAME);
        boolean lifecycle = "SubagentStart".equals(hook) || "SubagentStop".equals(hook);
        String actor = lifecycle || agentId == null || agentId.isEmpty() ? MAIN : agentId;
        String turn = bound(event.string("turn_id"), NAME);
        if (turn != null && !lifecycle) {
            s.turnOwners.put(turn, actor);
        }
        if (!MAIN.equals(actor) && !s.agents.containsKey(actor) && !s.done.containsKey(actor)) {
            spawn(s, actor, null, bound(event.string("agent_type"), NAME), null, out); // its start was missed
        }
        if (!"PermissionRequest".equals(hook) && s.waiting.remove(actor)) {
            out.emit(base(Canonical.AGENT_UPDATE, s, out).put(Canonical.ID, actor).put(Canonical.WAITING_FLAG, false));
        }
        if (!lifecycle) {
            learnModel(s, actor, bound(event.string(Canonical.MODEL), NAME), out);
        }
        switch (hook) {
            case "SessionStart" -> sessionStart(s, event, out);
            case "PreToolUse" -> out.emit(tool(Canonical.TOOL_USE, s, actor, event, out)
                    .put(Canonical.SUMMARY, bound(command(event), TEXT)));
            case "PostToolUse" -> out.emit(tool(Canonical.TOOL_DONE, s, actor, event, out));
            case "PermissionRequest" -> {
                s.waiting.add(actor);
                String command = command(event);
                out.emit(base(Canonical.WAITING, s, out).put(Canonical.AGENT_ID, MAIN.equals(actor) ? null : actor)
                        .put(Canonical.MESSAGE, bound("Permission to use " + bound(event.string("tool_name"), NAME)
                                + (command == null ? "" : ": " + command), TEXT)));
            }
            case "SubagentStart" -> subagentStart(s, agentId, turn, event, out);
            case "SubagentStop" -> subagentStop(s, agentId, out);
            case "StopFailure" -> stopFailure(s, actor, event, out);
            case "PreCompact", "PostCompact" -> compacting(s, "PreCompact".equals(hook), out);
            default -> {
                if (!KNOWN.contains(hook)) {
                    unknown.increment(); // a newer event: still activity of its session
                }
            }
        }
        return null;
    }

    @Override
    public void tick(Instant now, Emitter emit) {
        sessions.forgetIdle(now);
    }

    @Override
    public void close() {
        sessions.clear();
    }

    /** The session of a payload; one first seen after its start is announced at once. */
    private CodexSession session(Event e, String hook, Out out) {
        String id = bound(e.string(Canonical.SESSION_ID, Canonical.DEFAULT_SESSION), NAME);
        CodexSession s = sessions.seen(id, out.at);
        if (s == null) {
            s = sessions.add(id, new CodexSession(id), out.at);
            s.cwd = bound(e.string(Canonical.CWD), PATH);
            s.model = bound(e.string(Canonical.MODEL), NAME);
            s.host = bound(e.string(HookLine.HOST), NAME);
            if (!"SessionStart".equals(hook)) {
                out.emit(sessionStartOf(s, null, out));
            }
        }
        String host = bound(e.string(HookLine.HOST), NAME);
        if (host != null && !host.equals(s.host)) {
            s.host = host;
            out.emit(base(Canonical.SESSION_UPDATE, s, out).put(Canonical.HOST, host));
        }
        return s;
    }

    private void sessionStart(CodexSession s, Event e, Out out) {
        s.cwd = bound(e.string(Canonical.CWD, s.cwd), PATH);
        s.model = bound(e.string(Canonical.MODEL, s.model), NAME);
        out.emit(sessionStartOf(s, bound(e.string("source"), NAME), out));
    }

    private static Event.Builder sessionStartOf(CodexSession s, String source, Out out) {
        return base(Canonical.SESSION_START, s, out)
                .put(Canonical.CWD, s.cwd)
                .put(Canonical.PROJECT, bound(Canonical.projectOf(s.cwd), NAME))
                .put(Canonical.MODEL, s.model)
                .put(Canonical.HOST, s.host)
                .put(Canonical.RUNTIME, CodexIntegration.NAME)
                .put("source", source);
    }

    /** A model the payload names that differs from the one known: the page recolours the node. */
    private static void learnModel(CodexSession s, String actor, String model, Out out) {
        if (model == null || model.isEmpty()) {
            return;
        }
        if (MAIN.equals(actor)) {
            if (!model.equals(s.model)) {
                s.model = model;
                out.emit(base(Canonical.SESSION_UPDATE, s, out).put(Canonical.MODEL, model));
            }
            return;
        }
        CodexSession.Agent a = s.agents.get(actor);
        if (a != null && !model.equals(a.model)) {
            a.model = model;
            out.emit(base(Canonical.AGENT_UPDATE, s, out).put(Canonical.ID, actor).put(Canonical.MODEL, model));
        }
    }

    private void subagentStart(CodexSession s, String child, String turn, Event e, Out out) {
        if (child == null || child.isEmpty() || s.done.containsKey(child)) {
            return;
        }
        String parent = turn == null ? null : s.turnOwners.get(turn);
        CodexSession.Agent known = s.agents.get(child);
        if (known == null) {
            spawn(s, child, parent, bound(e.string("agent_type"), NAME), bound(e.string(Canonical.MODEL), NAME), out);
        }
    }

    /** A sub-agent joins the tree under {@code parent}, or under the orchestrator, inferred. */
    private static void spawn(CodexSession s, String id, String parent, String type, String model, Out out) {
        boolean inferred = parent == null || parent.equals(id) || !(MAIN.equals(parent) || s.agents.containsKey(parent));
        String parentId = inferred ? MAIN : parent;
        CodexSession.Agent a = new CodexSession.Agent(id, parentId, out.at, model);
        s.agents.put(id, a);
        out.emit(base(Canonical.AGENT_SPAWN, s, out)
                .put(Canonical.ID, id)
                .put(Canonical.PARENT_ID, parentId)
                .put(Canonical.PARENT_INFERRED, inferred ? Boolean.TRUE : null)
                .put(Canonical.SUBAGENT_TYPE, type == null || type.isEmpty() ? null : type)
                .put(Canonical.MODEL, model)
                .put(Canonical.CWD, s.cwd)
                .put(Canonical.PROJECT, bound(Canonical.projectOf(s.cwd), NAME)));
    }

    /** A stop without a start leaves no ghost: only an agent that was drawn finishes. */
    private static void subagentStop(CodexSession s, String id, Out out) {
        CodexSession.Agent a = id == null ? null : s.agents.remove(id);
        if (a == null) {
            return;
        }
        s.done.put(id, Boolean.TRUE);
        s.waiting.remove(id);
        out.emit(base(Canonical.AGENT_DONE, s, out)
                .put(Canonical.ID, id)
                .put(Canonical.PARENT_ID, a.parentId)
                .put(Canonical.OUTCOME, a.failed ? Canonical.OUTCOME_FAILURE : Canonical.OUTCOME_SUCCESS)
                .put(Canonical.DURATION_MS, Math.max(0, Duration.between(a.started, out.at).toMillis()))
                .put(Canonical.MODEL, a.model)
                .put(Canonical.COST_PARTIAL, true));
    }

    private static void stopFailure(CodexSession s, String actor, Event e, Out out) {
        CodexSession.Agent a = s.agents.get(actor);
        if (a != null) {
            a.failed = true;
        }
        String error = bound(e.string(Canonical.ERROR), NAME);
        String details = e.string("error_details");
        out.emit(base(Canonical.TURN_FAILED, s, out)
                .put(Canonical.AGENT_ID, actor)
                .put(Canonical.ERROR, bound(details == null ? error : error + ": " + details, TEXT)));
    }

    private static void compacting(CodexSession s, boolean now, Out out) {
        if (s.compacting != now) {
            s.compacting = now;
            out.emit(base(Canonical.SESSION_UPDATE, s, out).put(Canonical.COMPACTING, now));
        }
    }

    private static Event.Builder tool(String type, CodexSession s, String actor, Event e, Out out) {
        return base(type, s, out)
                .put(Canonical.AGENT_ID, actor)
                .put(Canonical.TOOL, bound(e.string("tool_name"), NAME))
                .put(Canonical.TOOL_USE_ID, bound(e.string("tool_use_id"), NAME));
    }

    private static Event.Builder base(String type, CodexSession s, Out out) {
        return Event.builder(type).ts(out.at).put(Canonical.SESSION_ID, s.id);
    }

    /** The shell command of a tool call, on one line. */
    private static String command(Event e) {
        JsonObject input = e.object("tool_input");
        if (input == null || input.get("command") == null || !input.get("command").isJsonPrimitive()) {
            return null;
        }
        return bound(input.get("command").getAsString().replace('\n', ' '), TEXT);
    }

    /** A payload's string cut to {@code max} characters (untrusted: never unbounded). */
    static String bound(String s, int max) {
        return Canonical.bound(s, max);
    }

    /** Where derived events go, whether they are history, and when they happened. */
    private record Out(Emitter emit, boolean history, Instant at) {
        void emit(Event.Builder b) {
            emit.emit(b.history(history).build());
        }
    }
}
