package dev.agentgraph.plugins.otlp;

import dev.agentgraph.api.Canonical;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.time.Instant;

/**
 * Claude Code's log events ({@code claude_code.*}, see RUNTIMES.md): {@code api_request} gives
 * the session's cost and tokens (and an agent's, where the event names it), {@code tool_result}
 * a tool call. Every other event is activity of its session. Records without {@code session.id}
 * are not Claude Code's and are skipped.
 */
final class ClaudeLogs {

    private static final String PREFIX = "claude_code.";

    private final DecoderState state;

    ClaudeLogs(DecoderState state) {
        this.state = state;
    }

    /** Decodes every record into {@code out}; returns how many were skipped as repeats. */
    int decode(ExportLogsServiceRequest request, Instant received, long now, Out out) {
        int repeats = 0;
        for (ResourceLogs rl : request.getResourceLogsList()) {
            Resources.Origin origin = Resources.origin(rl.getResource());
            for (ScopeLogs sl : rl.getScopeLogsList()) {
                for (LogRecord record : sl.getLogRecordsList()) {
                    if (!decode(record, origin, received, now, out)) {
                        repeats++;
                    }
                }
            }
        }
        return repeats;
    }

    private boolean decode(LogRecord record, Resources.Origin origin, Instant received, long now, Out out) {
        Attributes a = Attributes.of(record.getAttributesList());
        String session = a.string("session.id", Texts.ID);
        if (session == null) {
            return true;
        }
        String sequence = a.string("event.sequence", Texts.ID);
        if (sequence != null) {
            String k = DecoderState.key(session, sequence);
            if (state.logSequences.contains(k)) {
                return false;
            }
            state.logSequences.put(k, Boolean.TRUE, now);
        }
        Instant ts = Resources.time(record.getTimeUnixNano(), Resources.time(record.getObservedTimeUnixNano(), received));
        SessionBook.Session s = state.sessions.touch(session, origin.runtime(), origin.host(), ts, now, out);
        switch (name(record, a)) {
            case "api_request" -> apiRequest(session, s, a, ts, now, out);
            case "tool_result" -> toolResult(session, a, ts, now, out);
            default -> {
                // user_prompt, tool_decision, api_error, subagent_completed…: activity only.
            }
        }
        return true;
    }

    /** {@code event.name}, the record's event name, or its body, without the {@code claude_code.} prefix. */
    private static String name(LogRecord record, Attributes a) {
        String name = a.string("event.name", Texts.NAME);
        if (name == null) {
            name = Texts.nonEmpty(Texts.bound(record.getEventName(), Texts.NAME));
        }
        if (name == null && record.getBody().hasStringValue()) {
            name = Texts.bound(record.getBody().getStringValue(), Texts.NAME);
        }
        if (name == null) {
            return "";
        }
        return name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name;
    }

    private void apiRequest(String session, SessionBook.Session s, Attributes a, Instant ts, long now, Out out) {
        double in = a.number("input_tokens");
        double outTokens = a.number("output_tokens");
        double read = a.number("cache_read_tokens");
        double write = a.number("cache_creation_tokens");
        double cost = a.number("cost_usd");
        String model = a.string("model", Texts.NAME);
        s.fromLogs.add(in, outTokens, read, write, cost);
        s.model = model == null ? s.model : model;
        state.sessions.announceCost(session, s, ts, out);
        String agent = a.firstString(Texts.ID, "agent_id", "agent.id");
        if (agent == null && "main".equals(a.string("query_source", Texts.NAME))) {
            agent = Canonical.ORCHESTRATOR;
        }
        if (agent != null) {
            Usage u = state.agentUsage(session, agent, now);
            u.add(in, outTokens, read, write, cost);
            out.add(Out.event(Types.AGENT_UPDATE, session, ts).put(Canonical.ID, agent)
                    .put(Canonical.COST_USD, u.priced ? u.roundedCost() : null)
                    .put(Canonical.TOKENS, u.tokens()).put(Canonical.MODEL, model));
        }
    }

    private void toolResult(String session, Attributes a, Instant end, long now, Out out) {
        String toolUseId = a.string("tool_use_id", Texts.ID);
        if (toolUseId != null) {
            if (state.toolCalls.contains(toolUseId)) {
                return;
            }
            state.toolCalls.put(toolUseId, Boolean.TRUE, now);
        }
        String agent = a.firstString(Texts.ID, "agent_id", "agent.id");
        double duration = a.number("duration_ms");
        Boolean success = a.bool("success");
        ToolCalls.emit(out, session, agent == null ? Canonical.ORCHESTRATOR : agent,
                a.string("tool_name", Texts.NAME), toolUseId, duration, end,
                Boolean.FALSE.equals(success) ? a.firstString(Texts.MESSAGE, "error", "error.message") : null,
                !Boolean.FALSE.equals(success));
    }
}
