package dev.agentgraph.plugins.otlp;

import dev.agentgraph.api.Canonical;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Instant;

/**
 * Generic GenAI spans ({@code invoke_agent}, {@code execute_tool}, model calls with
 * {@code gen_ai.usage.*}), from any framework. The agent node of an {@code invoke_agent} span is
 * its span id; its parent is the agent enclosing it, or the session's orchestrator {@code main}
 * for a root agent. Spans are exported when they end, children first, so an agent is alive
 * (inferred) from its first child span until its own span arrives: its completion.
 */
final class GenAiSpans {

    private static final String INVOKE_AGENT = "invoke_agent";
    private static final String EXECUTE_TOOL = "execute_tool";
    /** How many withdrawn guesses an enclosing-agent look-up follows; more means a cycle. */
    private static final int MAX_ALIASES = 16;

    private final DecoderState state;

    GenAiSpans(DecoderState state) {
        this.state = state;
    }

    void decode(Span span, Resources.Origin origin, Instant received, long now, Out out) {
        Attributes a = Attributes.of(span.getAttributesList());
        String trace = Spans.hex(span.getTraceId().toByteArray());
        String key = trace + ':' + Spans.hex(span.getSpanId().toByteArray());
        String operation = operation(span, a);
        SpanAgent guessed = state.spanAgents.peek(key);
        if (operation == null && guessed == null) {
            return; // neither GenAI nor the parent of a GenAI span
        }
        String session = Spans.session(state, trace, now);
        Instant start = Resources.time(span.getStartTimeUnixNano(), received);
        Instant end = Resources.time(span.getEndTimeUnixNano(), start);
        state.sessions.touch(session, origin.runtime(), origin.host(), start, now, out);
        String parentSpan = Spans.hex(span.getParentSpanId().toByteArray());
        if (INVOKE_AGENT.equals(operation)) {
            agent(span, a, session, trace, key, parentSpan, start, end, now, out);
            return;
        }
        withdraw(guessed, session, trace, parentSpan, end, now, out);
        if (EXECUTE_TOOL.equals(operation)) {
            tool(span, a, session, trace, key, parentSpan, end, now, out);
        } else if (operation != null) {
            SpanAgent agent = enclosing(session, trace, parentSpan, start, now, out);
            if (agent != null) {
                addUsage(agent.usage, a);
            }
        }
    }

    /** {@code gen_ai.operation.name}, else the span name's first word for GenAI names; null for other spans. */
    private static String operation(Span span, Attributes a) {
        String op = a.string("gen_ai.operation.name", Texts.NAME);
        if (op != null) {
            return op;
        }
        String name = span.getName();
        int space = name.indexOf(' ');
        String first = space < 0 ? name : name.substring(0, space);
        if (first.equals(INVOKE_AGENT) || first.equals(EXECUTE_TOOL) || first.equals("create_agent")) {
            return first;
        }
        return a.has("gen_ai.usage.input_tokens") || a.has("gen_ai.usage.output_tokens") ? "chat" : null;
    }

    private void agent(Span span, Attributes a, String session, String trace, String key, String parentSpan,
            Instant start, Instant end, long now, Out out) {
        SpanAgent self = state.spanAgents.get(key, now);
        if (self != null && self.completed) {
            return; // the same span again (an exporter's retry)
        }
        SpanAgent parent = enclosing(session, trace, parentSpan, start, now, out);
        if (self == null) {
            self = new SpanAgent(key, session, Spans.hex(span.getSpanId().toByteArray()));
            state.spanAgents.put(key, self, now);
        }
        self.parentId = parent == null ? Canonical.ORCHESTRATOR : parent.id;
        self.inferred = false;
        self.completed = true;
        self.name = a.firstString(Texts.NAME, "gen_ai.agent.name", "gen_ai.agent.id");
        self.model = a.firstString(Texts.NAME, "gen_ai.response.model", "gen_ai.request.model");
        out.add(Out.event(Canonical.AGENT_SPAWN, session, start).put(Canonical.ID, self.id)
                .put(Canonical.PARENT_ID, self.parentId).put(Canonical.PARENT_INFERRED, false)
                .put(Canonical.SUBAGENT_TYPE, self.name).put(Canonical.MODEL, self.model)
                .put(Canonical.DESCRIPTION, a.string("gen_ai.agent.description", Texts.NAME)));
        Usage own = new Usage();
        addUsage(own, a);
        Usage usage = own.isEmpty() ? self.usage : own;
        double duration = Spans.durationMs(span);
        out.add(Out.event(Canonical.AGENT_DONE, session, end).put(Canonical.ID, self.id)
                .put(Canonical.PARENT_ID, self.parentId)
                .put(Canonical.OUTCOME, Spans.failed(span) ? Types.OUTCOME_FAILURE : Types.OUTCOME_SUCCESS)
                .put(Canonical.DURATION_MS, Double.isNaN(duration) ? null : (long) duration)
                .put(Canonical.MODEL, self.model)
                .put(Canonical.TOKENS, usage.isEmpty() ? null : usage.tokens())
                .put(Canonical.COST_PARTIAL, true));
    }

    private void tool(Span span, Attributes a, String session, String trace, String key, String parentSpan,
            Instant end, long now, Out out) {
        String toolUseId = a.string("gen_ai.tool.call.id", Texts.ID);
        if (toolUseId == null) {
            toolUseId = key.substring(key.indexOf(':') + 1);
        }
        if (state.toolCalls.contains(toolUseId)) {
            return;
        }
        state.toolCalls.put(toolUseId, Boolean.TRUE, now);
        Instant start = Resources.time(span.getStartTimeUnixNano(), end);
        SpanAgent agent = enclosing(session, trace, parentSpan, start, now, out);
        String tool = a.string("gen_ai.tool.name", Texts.NAME);
        if (tool == null && span.getName().startsWith(EXECUTE_TOOL + " ")) {
            tool = Texts.bound(span.getName().substring(EXECUTE_TOOL.length() + 1), Texts.NAME);
        }
        boolean ok = !Spans.failed(span);
        ToolCalls.emit(out, session, agent == null ? Canonical.ORCHESTRATOR : agent.id, tool, toolUseId,
                Spans.durationMs(span), end,
                ok ? null : Texts.nonEmpty(Texts.bound(span.getStatus().getMessage(), Texts.MESSAGE)), ok);
    }

    /**
     * The agent that encloses a span with this parent: the parent's agent, following withdrawn
     * guesses upward; a parent not seen yet becomes an inferred agent under {@code main}. Null
     * means {@code main} itself.
     */
    private SpanAgent enclosing(String session, String trace, String parentSpan, Instant ts, long now, Out out) {
        if (parentSpan.isEmpty()) {
            return null;
        }
        String key = trace + ':' + parentSpan;
        for (int i = 0; i < MAX_ALIASES; i++) {
            SpanAgent known = state.spanAgents.get(key, now);
            if (known == null) {
                break;
            }
            if (known.alias == null) {
                return known;
            }
            if (known.alias.isEmpty()) {
                return null;
            }
            key = known.alias;
            if (i == MAX_ALIASES - 1) {
                return null;
            }
        }
        SpanAgent guess = new SpanAgent(key, session, key.substring(key.indexOf(':') + 1));
        guess.parentId = Canonical.ORCHESTRATOR;
        guess.inferred = true;
        state.spanAgents.put(key, guess, now);
        out.add(Out.event(Canonical.AGENT_SPAWN, session, ts).put(Canonical.ID, guess.id)
                .put(Canonical.PARENT_ID, Canonical.ORCHESTRATOR).put(Canonical.PARENT_INFERRED, true));
        return guess;
    }

    /**
     * A span taken for an agent arrived and is not one: it leaves (outcome {@code replaced}), and
     * what still names it as parent belongs to the agent enclosing it. Its agent children have
     * ended already (a child span ends before its parent).
     */
    private void withdraw(SpanAgent guess, String session, String trace, String parentSpan, Instant end, long now,
            Out out) {
        if (guess == null || !guess.inferred || guess.completed) {
            return;
        }
        SpanAgent target = enclosing(session, trace, parentSpan, end, now, out);
        guess.completed = true;
        guess.alias = target == null ? "" : target.key;
        out.add(Out.event(Canonical.AGENT_DONE, session, end).put(Canonical.ID, guess.id)
                .put(Canonical.PARENT_ID, guess.parentId).put(Canonical.OUTCOME, Types.OUTCOME_REPLACED));
    }

    private static void addUsage(Usage usage, Attributes a) {
        usage.add(a.number("gen_ai.usage.input_tokens"), a.number("gen_ai.usage.output_tokens"),
                a.number("gen_ai.usage.cache_read.input_tokens"), a.number("gen_ai.usage.cache_creation.input_tokens"),
                Double.NaN);
    }
}
