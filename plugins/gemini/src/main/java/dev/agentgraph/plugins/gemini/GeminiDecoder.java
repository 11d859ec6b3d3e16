package dev.agentgraph.plugins.gemini;

import com.google.gson.JsonElement;
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
 * Turns Gemini CLI hook payloads (lines marked {@link HookLine#RUNTIME} {@code gemini}) into
 * canonical events, and drops the raw payload; every other event passes untouched.
 *
 * <p>Gemini's payloads name no agent: every tool call is the orchestrator's. A sub-agent is a
 * tool of its own name ({@code codebase_investigator}, a custom agent's): while such a call runs
 * it is drawn as an agent of its own under the orchestrator, its parent marked inferred, and it
 * finishes with the call ({@code failure} when the call returns an error). Calls carry no id
 * either: an {@code AfterTool} ends the oldest open call of the same tool and input.
 */
final class GeminiDecoder implements Reducer {

    private static final String MAIN = Canonical.ORCHESTRATOR;
    private static final int NAME = 200;
    private static final int TEXT = 300;
    private static final int PATH = 4096;
    private static final Set<String> KNOWN = Set.of("SessionStart", "SessionEnd", "BeforeAgent", "AfterAgent",
            "BeforeModel", "AfterModel", "BeforeToolSelection", "BeforeTool", "AfterTool", "Notification", "PreCompress");
    /** Where a sub-agent's task is in its call's input, the first found. */
    private static final String[] TASK_FIELDS = {"objective", "prompt", "task", "query", "question"};

    private final Set<String> subagentTools;
    private final Clock clock;
    private final Logger log;
    private final Counter decoded;
    private final Counter unknown;
    private final Counter copies;
    private final Counter unmatched;
    private final RecentSessions<GeminiSession> sessions;

    GeminiDecoder(Set<String> subagentTools, int maxSessions, Duration idle, Clock clock, Logger log,
                  Function<String, Counter> counters) {
        this.subagentTools = Set.copyOf(subagentTools);
        this.sessions = new RecentSessions<>(maxSessions, idle);
        this.clock = clock;
        this.log = log;
        this.decoded = counters.apply("decoded");
        this.unknown = counters.apply("unknown_hooks");
        this.copies = counters.apply("ingest_copies");
        this.unmatched = counters.apply("unmatched_after_tool");
    }

    @Override
    public Event reduce(Event event, Emitter emit) {
        String hook = event.string("hook_event_name");
        if (hook == null || !HookLine.isFrom(event, GeminiIntegration.NAME, false)) {
            return event;
        }
        if (!event.isHistory() && HookLine.isOwnCopy(event.string(HookLine.VIA))) {
            copies.increment(); // decoded already, when this process's http-ingest received it
            return null;
        }
        decoded.increment();
        Out out = new Out(emit, event.isHistory(), HookLine.receivedAt(event, clock.instant()));
        GeminiSession s = session(event, hook, out);
        if (s.ended && !"SessionStart".equals(hook)) {
            return null; // a straggler after the end would bring the session back as a ghost
        }
        if (!"Notification".equals(hook) && s.waiting) {
            s.waiting = false;
            out.emit(base(Canonical.AGENT_UPDATE, s, out).put(Canonical.ID, MAIN).put(Canonical.WAITING_FLAG, false));
        }
        if (!"PreCompress".equals(hook) && s.compacting) {
            s.compacting = false;
            out.emit(base(Canonical.SESSION_UPDATE, s, out).put(Canonical.COMPACTING, false));
        }
        switch (hook) {
            case "SessionStart" -> {
                s.ended = false;
                s.cwd = bound(event.string(Canonical.CWD, s.cwd), PATH);
                out.emit(sessionStartOf(s, bound(event.string("source"), NAME), out));
            }
            case "BeforeTool" -> beforeTool(s, event, out);
            case "AfterTool" -> afterTool(s, event, out);
            case "Notification" -> notification(s, event, out);
            case "PreCompress" -> {
                s.compacting = true;
                out.emit(base(Canonical.SESSION_UPDATE, s, out).put(Canonical.COMPACTING, true));
            }
            case "SessionEnd" -> {
                s.ended = true;
                s.open.clear();
                out.emit(base(Canonical.SESSION_END, s, out).put(Canonical.REASON, bound(event.string("reason"), NAME)));
            }
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

    private GeminiSession session(Event e, String hook, Out out) {
        String id = bound(e.string(Canonical.SESSION_ID, Canonical.DEFAULT_SESSION), NAME);
        GeminiSession s = sessions.seen(id, out.at);
        if (s == null) {
            s = sessions.add(id, new GeminiSession(id), out.at);
            s.cwd = bound(e.string(Canonical.CWD), PATH);
            s.host = bound(e.string(HookLine.HOST), NAME);
            if (!"SessionStart".equals(hook) && !"SessionEnd".equals(hook)) {
                out.emit(sessionStartOf(s, null, out)); // first seen after its start
            }
        }
        String host = bound(e.string(HookLine.HOST), NAME);
        if (host != null && !host.equals(s.host)) {
            s.host = host;
            out.emit(base(Canonical.SESSION_UPDATE, s, out).put(Canonical.HOST, host));
        }
        return s;
    }

    private static Event.Builder sessionStartOf(GeminiSession s, String source, Out out) {
        return base(Canonical.SESSION_START, s, out)
                .put(Canonical.CWD, s.cwd)
                .put(Canonical.PROJECT, bound(Canonical.projectOf(s.cwd), NAME))
                .put(Canonical.HOST, s.host)
                .put(Canonical.RUNTIME, GeminiIntegration.NAME)
                .put("source", source);
    }

    private void beforeTool(GeminiSession s, Event e, Out out) {
        String tool = bound(e.string("tool_name"), NAME);
        if (tool == null) {
            return;
        }
        JsonObject input = e.object("tool_input");
        String callId = s.nextCallId();
        boolean subagent = subagentTools.contains(tool);
        s.opened(new GeminiSession.Call(callId, tool, input, out.at, subagent ? callId : null));
        out.emit(base(Canonical.TOOL_USE, s, out)
                .put(Canonical.AGENT_ID, MAIN)
                .put(Canonical.TOOL, tool)
                .put(Canonical.TOOL_USE_ID, callId)
                .put(Canonical.SUMMARY, bound(firstString(input, TASK_FIELDS), TEXT)));
        if (subagent) {
            String task = firstString(input, TASK_FIELDS);
            out.emit(base(Canonical.AGENT_SPAWN, s, out)
                    .put(Canonical.ID, callId)
                    .put(Canonical.PARENT_ID, MAIN)
                    .put(Canonical.PARENT_INFERRED, true)
                    .put(Canonical.SUBAGENT_TYPE, tool)
                    .put(Canonical.DESCRIPTION, bound(task, TEXT))
                    .put(Canonical.PROMPT_PREVIEW, bound(task, TEXT))
                    .put(Canonical.TOOL_USE_ID, callId)
                    .put(Canonical.CWD, s.cwd)
                    .put(Canonical.PROJECT, bound(Canonical.projectOf(s.cwd), NAME)));
        }
    }

    private void afterTool(GeminiSession s, Event e, Out out) {
        String tool = bound(e.string("tool_name"), NAME);
        GeminiSession.Call call = tool == null ? null : s.close(tool, e.object("tool_input"));
        if (call == null) {
            unmatched.increment();
            log.debug("an AfterTool of {} in session {} matches no open call", tool, s.id);
            return;
        }
        String error = errorOf(e.object("tool_response"));
        out.emit(base(error == null ? Canonical.TOOL_DONE : Canonical.TOOL_FAILED, s, out)
                .put(Canonical.AGENT_ID, MAIN)
                .put(Canonical.TOOL, call.tool())
                .put(Canonical.TOOL_USE_ID, call.id())
                .put(Canonical.ERROR, bound(error, TEXT))
                .put(Canonical.DURATION_MS, Math.max(0, Duration.between(call.started(), out.at).toMillis())));
        if (call.agentId() != null) {
            out.emit(base(Canonical.AGENT_DONE, s, out)
                    .put(Canonical.ID, call.agentId())
                    .put(Canonical.PARENT_ID, MAIN)
                    .put(Canonical.OUTCOME, error == null ? Canonical.OUTCOME_SUCCESS : Canonical.OUTCOME_FAILURE)
                    .put(Canonical.DURATION_MS, Math.max(0, Duration.between(call.started(), out.at).toMillis()))
                    .put(Canonical.COST_PARTIAL, true));
        }
    }

    /** A permission prompt: the orchestrator waits until its next activity. */
    private static void notification(GeminiSession s, Event e, Out out) {
        if ("ToolPermission".equals(e.string("notification_type"))) {
            s.waiting = true;
            out.emit(base(Canonical.WAITING, s, out).put(Canonical.MESSAGE, bound(e.string(Canonical.MESSAGE), TEXT)));
        }
    }

    /** The error of a tool response: its {@code error} member, a string or an object's {@code message}. */
    private static String errorOf(JsonObject response) {
        JsonElement error = response == null ? null : response.get("error");
        if (error == null || error.isJsonNull()) {
            return null;
        }
        if (error.isJsonPrimitive()) {
            return error.getAsString();
        }
        String message = error.isJsonObject() ? firstString(error.getAsJsonObject(), new String[] {"message"}) : null;
        return message != null ? message : "error";
    }

    private static String firstString(JsonObject o, String[] fields) {
        if (o == null) {
            return null;
        }
        for (String f : fields) {
            JsonElement v = o.get(f);
            if (v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()) {
                return v.getAsString().replace('\n', ' ');
            }
        }
        return null;
    }

    private static Event.Builder base(String type, GeminiSession s, Out out) {
        return Event.builder(type).ts(out.at).put(Canonical.SESSION_ID, s.id);
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
