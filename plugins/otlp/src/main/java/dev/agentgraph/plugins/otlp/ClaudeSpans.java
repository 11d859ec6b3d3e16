package dev.agentgraph.plugins.otlp;

import dev.agentgraph.api.Canonical;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Instant;

/**
 * Claude Code's beta trace spans ({@code claude_code.interaction} → {@code llm_request},
 * {@code tool}), which carry {@code agent_id} and {@code parent_agent_id}: enough to draw the
 * agent tree without hooks. A sub-agent is announced by its first span; {@code tool} spans are
 * tool calls; {@code llm_request} spans give tokens and cost per agent.
 */
final class ClaudeSpans {

    /** Marks the per-agent usage summed from spans, kept apart from the log events' own. */
    private static final String SPANS = "\u0000spans";

    private final DecoderState state;

    ClaudeSpans(DecoderState state) {
        this.state = state;
    }

    void decode(Span span, Resources.Origin origin, Instant received, long now, Out out) {
        Attributes a = Attributes.of(span.getAttributesList());
        Instant start = Resources.time(span.getStartTimeUnixNano(), received);
        Instant end = Resources.time(span.getEndTimeUnixNano(), start);
        String session = a.string("session.id", Texts.ID);
        if (session == null) {
            session = Spans.session(state, Spans.hex(span.getTraceId().toByteArray()), now);
        }
        SessionBook.Session s = state.sessions.touch(session, origin.runtime(), origin.host(), start, now, out);
        String agent = a.firstString(Texts.ID, "agent_id", "agent.id");
        if (agent == null) {
            agent = Canonical.ORCHESTRATOR;
        } else if (!agent.equals(Canonical.ORCHESTRATOR)) {
            announce(session, agent, a, start, now, out);
        }
        switch (span.getName().substring(Spans.CLAUDE_PREFIX.length())) {
            case "tool" -> tool(session, agent, span, a, end, now, out);
            case "llm_request" -> llmRequest(session, s, agent, a, end, now, out);
            default -> {
                // interaction, tool.blocked_on_user, tool.execution: activity only.
            }
        }
    }

    private void announce(String session, String agent, Attributes a, Instant start, long now, Out out) {
        String k = DecoderState.key(session, agent);
        if (state.claudeAgents.get(k, now) != null) {
            return;
        }
        state.claudeAgents.put(k, Boolean.TRUE, now);
        String parent = a.firstString(Texts.ID, "parent_agent_id", "parent_agent.id");
        out.add(Out.event(Canonical.AGENT_SPAWN, session, start).put(Canonical.ID, agent)
                .put(Canonical.PARENT_ID, parent == null ? Canonical.ORCHESTRATOR : parent)
                .put(Canonical.PARENT_INFERRED, parent == null)
                .put(Canonical.SUBAGENT_TYPE, a.firstString(Texts.NAME, "agent_type", "agent.type"))
                .put(Canonical.MODEL, a.string("model", Texts.NAME)));
    }

    private void tool(String session, String agent, Span span, Attributes a, Instant end, long now, Out out) {
        String toolUseId = a.firstString(Texts.ID, "tool_use_id", "tool.use_id");
        if (toolUseId != null) {
            if (state.toolCalls.contains(toolUseId)) {
                return;
            }
            state.toolCalls.put(toolUseId, Boolean.TRUE, now);
        }
        boolean ok = !Spans.failed(span) && !Boolean.FALSE.equals(a.bool("success"));
        String error = ok ? null : Texts.nonEmpty(Texts.bound(span.getStatus().getMessage(), Texts.MESSAGE));
        ToolCalls.emit(out, session, agent, a.firstString(Texts.NAME, "tool_name", "tool.name"), toolUseId,
                Spans.durationMs(span), end, error, ok);
    }

    private void llmRequest(String session, SessionBook.Session s, String agent, Attributes a, Instant end, long now,
            Out out) {
        double in = a.number("input_tokens");
        double outTokens = a.number("output_tokens");
        double read = a.number("cache_read_tokens");
        double write = a.number("cache_creation_tokens");
        double cost = a.number("cost_usd");
        String model = a.string("model", Texts.NAME);
        s.fromSpans.add(in, outTokens, read, write, cost);
        if (s.fromLogs.isEmpty()) {
            s.model = model == null ? s.model : model;
            state.sessions.announceCost(session, s, end, out);
        }
        Usage fromLogs = state.agentUsage.peek(DecoderState.key(session, agent));
        if (fromLogs != null && !fromLogs.isEmpty()) {
            return; // the log events already price this agent; the spans would count it twice
        }
        Usage u = state.agentUsage(session, agent + SPANS, now);
        u.add(in, outTokens, read, write, cost);
        out.add(Out.event(Types.AGENT_UPDATE, session, end).put(Canonical.ID, agent)
                .put(Canonical.COST_USD, u.priced ? u.roundedCost() : null)
                .put(Canonical.TOKENS, u.tokens()).put(Canonical.MODEL, model));
    }
}
