package dev.agentgraph.plugins.otlpexport;

import com.google.gson.JsonObject;
import dev.agentgraph.api.Canonical;
import dev.agentgraph.api.Counter;
import dev.agentgraph.api.Event;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Sink;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The live stream as OpenTelemetry GenAI spans: per session an {@code invoke_agent} span for its
 * orchestrator {@code main}, one {@code invoke_agent} span per agent (its parent agent's span as
 * parent, the session as {@code gen_ai.conversation.id}) and one {@code execute_tool} span per
 * tool call, each ended by the event that ends it, with usage, cost and a status from the outcome.
 * An agent's span starts when it is first needed (its first tool call or child, or its end), so
 * that a corrected parent is the one exported. Ended spans go through the SDK's
 * {@link BatchSpanProcessor}, whose bounded queue drops rather than waits: the pipeline never
 * slows. Runs on the sink's own thread, so its state needs no locks.
 */
final class OtlpExportSink implements Sink {

    /**
     * A process-wide mark on exported spans, so that this process's own {@code otlp} receiver
     * ignores them if the export is pointed back at it (a loop otherwise).
     */
    static final String INSTANCE_PROPERTY = "agentgraph.instance";
    private static final String INVOKE_AGENT = "invoke_agent";
    private static final String EXECUTE_TOOL = "execute_tool";
    /** How far up a chain of not-yet-started parents a span start goes; deeper hangs from main. */
    private static final int MAX_DEPTH = 64;

    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    private static final AttributeKey<String> CONVERSATION = AttributeKey.stringKey("gen_ai.conversation.id");
    private static final AttributeKey<String> AGENT_ID = AttributeKey.stringKey("gen_ai.agent.id");
    private static final AttributeKey<String> AGENT_NAME = AttributeKey.stringKey("gen_ai.agent.name");
    private static final AttributeKey<String> AGENT_DESCRIPTION = AttributeKey.stringKey("gen_ai.agent.description");
    private static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    private static final AttributeKey<String> TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");
    private static final AttributeKey<String> TOOL_CALL_ID = AttributeKey.stringKey("gen_ai.tool.call.id");
    private static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    private static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    private static final AttributeKey<Long> CACHE_READ = AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens");
    private static final AttributeKey<Long> CACHE_CREATION = AttributeKey.longKey("gen_ai.usage.cache_creation.input_tokens");
    private static final AttributeKey<Double> COST = AttributeKey.doubleKey("agentgraph.cost_usd");
    private static final AttributeKey<Boolean> COST_PARTIAL = AttributeKey.booleanKey("agentgraph.cost_partial");
    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("agentgraph.outcome");
    private static final AttributeKey<Boolean> PARENT_INFERRED = AttributeKey.booleanKey("agentgraph.parent_inferred");
    private static final AttributeKey<Boolean> EVICTED = AttributeKey.booleanKey("agentgraph.evicted");
    private static final AttributeKey<String> HOST = AttributeKey.stringKey("host.name");
    private static final AttributeKey<String> RUNTIME = AttributeKey.stringKey("agentgraph.runtime");
    private static final AttributeKey<String> PROJECT = AttributeKey.stringKey("agentgraph.project");

    /** An agent: what its spawn said, and its span once started. */
    private static final class Agent {
        final String id;
        String parentId;
        boolean parentInferred;
        String type;
        String model;
        String description;
        Instant spawned;
        Span span;

        Agent(String id) {
            this.id = id;
        }
    }

    /** A session's open spans: its orchestrator's, its agents', its tool calls'. */
    private static final class SessionSpans {
        final String id;
        final Span main;
        final Map<String, Agent> agents = new LinkedHashMap<>();
        final Map<String, Span> tools = new LinkedHashMap<>();

        SessionSpans(String id, Span main) {
            this.id = id;
            this.main = main;
        }
    }

    private final ExportSettings settings;
    private final SdkTracerProvider provider;
    private final Tracer tracer;
    private final Map<String, SessionSpans> sessions = new LinkedHashMap<>();
    private final Counter spansEnded;
    private final Counter evicted;
    private final Clock clock;

    OtlpExportSink(PluginContext context, ExportSettings settings) {
        this.settings = settings;
        OtlpHttpSpanExporterBuilder exporter = OtlpHttpSpanExporter.builder().setEndpoint(settings.endpoint())
                .setCompression(settings.compression()).setTimeout(settings.timeout())
                .setServiceClassLoader(OtlpExportSink.class.getClassLoader());
        settings.headers().forEach(exporter::addHeader);
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
                AttributeKey.stringKey("service.name"), settings.serviceName(),
                AttributeKey.stringKey(INSTANCE_PROPERTY), instance())));
        this.provider = SdkTracerProvider.builder().setResource(resource)
                .addSpanProcessor(BatchSpanProcessor.builder(exporter.build()).setMaxQueueSize(settings.maxQueue())
                        .setScheduleDelay(settings.batchDelay()).build())
                .build();
        this.tracer = provider.get("dev.agentgraph.otlp-export");
        this.spansEnded = context.counter("spans");
        this.evicted = context.counter("evicted_spans");
        this.clock = context.clock();
    }

    /** This process's mark, made once. */
    static String instance() {
        synchronized (System.class) {
            String id = System.getProperty(INSTANCE_PROPERTY);
            if (id == null) {
                id = UUID.randomUUID().toString();
                System.setProperty(INSTANCE_PROPERTY, id);
            }
            return id;
        }
    }

    @Override
    public void accept(Event event) {
        Instant ts = time(event);
        switch (event.type()) {
            case Canonical.SESSION_START, "session_update" -> describe(session(event, ts).main, event);
            case Canonical.AGENT_SPAWN -> spawn(session(event, ts), event, ts);
            case "agent_update" -> update(session(event, ts), event);
            case Canonical.AGENT_DONE -> done(session(event, ts), event, ts);
            case Canonical.TOOL_USE -> toolUse(session(event, ts), event, ts);
            case Canonical.TOOL_DONE, Canonical.TOOL_FAILED -> toolEnd(session(event, ts), event, ts);
            case Canonical.SESSION_END -> {
                SessionSpans s = sessions.remove(event.session());
                if (s != null) {
                    endAll(s, ts, Canonical.OUTCOME_SESSION_ENDED, false);
                }
            }
            default -> {
                // waiting, skill_use (its tool call is exported), tool_stats, turn_failed…
            }
        }
    }

    private SessionSpans session(Event event, Instant ts) {
        String id = event.session();
        SessionSpans s = sessions.remove(id);
        if (s == null) {
            if (sessions.size() >= settings.maxSessions()) {
                Iterator<SessionSpans> oldest = sessions.values().iterator();
                SessionSpans gone = oldest.next();
                oldest.remove();
                endAll(gone, ts, null, true);
            }
            Span main = tracer.spanBuilder(INVOKE_AGENT + " " + Canonical.ORCHESTRATOR).setNoParent()
                    .setSpanKind(SpanKind.INTERNAL).setStartTimestamp(ts)
                    .setAttribute(OPERATION, INVOKE_AGENT).setAttribute(CONVERSATION, id)
                    .setAttribute(AGENT_ID, Canonical.ORCHESTRATOR).setAttribute(AGENT_NAME, Canonical.ORCHESTRATOR)
                    .startSpan();
            s = new SessionSpans(id, main);
        }
        sessions.put(id, s); // the most recently active last
        return s;
    }

    /** What the session's events say about it, on its orchestrator's span. */
    private static void describe(Span main, Event event) {
        String model = event.string(Canonical.MODEL);
        if (model != null) {
            main.setAttribute(REQUEST_MODEL, model);
        }
        String host = event.string("host");
        if (host != null) {
            main.setAttribute(HOST, host);
        }
        String runtime = event.string("runtime");
        if (runtime != null) {
            main.setAttribute(RUNTIME, runtime);
        }
        String project = event.string(Canonical.PROJECT);
        if (project != null) {
            main.setAttribute(PROJECT, project);
        }
        double cost = event.number(Canonical.COST_USD, Double.NaN);
        if (!Double.isNaN(cost)) {
            main.setAttribute(COST, cost);
        }
        usage(main, event.object(Canonical.TOKENS));
    }

    private void spawn(SessionSpans s, Event event, Instant ts) {
        String id = event.string(Canonical.ID);
        if (id == null || id.equals(Canonical.ORCHESTRATOR)) {
            return;
        }
        Agent a = s.agents.get(id);
        if (a == null) {
            bound(s.agents, s, ts);
            a = new Agent(id);
            a.spawned = ts;
            s.agents.put(id, a);
        }
        // A later spawn of the same agent corrects the first; its span, if started, keeps its parent.
        a.parentId = event.string(Canonical.PARENT_ID, a.parentId);
        a.parentInferred = event.bool(Canonical.PARENT_INFERRED, a.parentInferred);
        a.type = event.string(Canonical.SUBAGENT_TYPE, a.type);
        a.model = event.string(Canonical.MODEL, a.model);
        a.description = event.string(Canonical.DESCRIPTION, a.description);
        if (a.span != null) {
            name(a);
        }
    }

    private void update(SessionSpans s, Event event) {
        Agent a = s.agents.get(event.string(Canonical.ID, ""));
        Span span = Canonical.ORCHESTRATOR.equals(event.string(Canonical.ID)) ? s.main : a == null ? null : a.span;
        if (a != null) {
            a.model = event.string(Canonical.MODEL, a.model);
            a.type = event.string(Canonical.SUBAGENT_TYPE, a.type);
        }
        if (span != null) {
            describe(span, event);
        }
    }

    private void done(SessionSpans s, Event event, Instant ts) {
        String id = event.string(Canonical.ID);
        if (id == null || id.equals(Canonical.ORCHESTRATOR)) {
            return;
        }
        Agent a = s.agents.remove(id);
        if (a == null) {
            // Never seen spawned (AgentGraph started later): its span covers what the event says.
            a = new Agent(id);
            a.parentId = event.string(Canonical.PARENT_ID);
            long ms = (long) event.number(Canonical.DURATION_MS, 0);
            a.spawned = ts.minusMillis(Math.max(0, ms));
        }
        a.model = event.string(Canonical.MODEL, a.model);
        Span span = span(s, a, 0);
        String outcome = event.string(Canonical.OUTCOME);
        if (outcome != null) {
            span.setAttribute(OUTCOME, outcome);
        }
        double cost = event.number(Canonical.COST_USD, Double.NaN);
        if (!Double.isNaN(cost)) {
            span.setAttribute(COST, cost);
        }
        if (event.has(Canonical.COST_PARTIAL)) {
            span.setAttribute(COST_PARTIAL, event.bool(Canonical.COST_PARTIAL, false));
        }
        usage(span, event.object(Canonical.TOKENS));
        status(span, outcome);
        end(span, ts);
    }

    private void toolUse(SessionSpans s, Event event, Instant ts) {
        String key = event.string(Canonical.TOOL_USE_ID);
        Span span = toolSpan(s, event, ts);
        if (key == null) {
            end(span, ts); // nothing will end it: a call of no duration
            return;
        }
        bound(s.tools, s, ts);
        Span previous = s.tools.put(key, span);
        if (previous != null) {
            end(previous, ts);
        }
    }

    private void toolEnd(SessionSpans s, Event event, Instant ts) {
        String key = event.string(Canonical.TOOL_USE_ID);
        Span span = key == null ? null : s.tools.remove(key);
        if (span == null) {
            long ms = (long) event.number(Canonical.DURATION_MS, 0);
            span = toolSpan(s, event, ts.minusMillis(Math.max(0, ms)));
        }
        if (Canonical.TOOL_FAILED.equals(event.type())) {
            span.setStatus(StatusCode.ERROR, event.string(Canonical.ERROR, "failed"));
        }
        end(span, ts);
    }

    private Span toolSpan(SessionSpans s, Event event, Instant start) {
        String agentId = event.string(Canonical.AGENT_ID, Canonical.ORCHESTRATOR);
        Agent agent = s.agents.get(agentId);
        Span parent = agent == null ? s.main : span(s, agent, 0);
        String tool = event.string(Canonical.TOOL, "unknown");
        var builder = tracer.spanBuilder(EXECUTE_TOOL + " " + tool).setParent(Context.root().with(parent))
                .setSpanKind(SpanKind.INTERNAL).setStartTimestamp(start)
                .setAttribute(OPERATION, EXECUTE_TOOL).setAttribute(TOOL_NAME, tool)
                .setAttribute(CONVERSATION, s.id).setAttribute(AGENT_ID, agentId);
        String callId = event.string(Canonical.TOOL_USE_ID);
        if (callId != null) {
            builder.setAttribute(TOOL_CALL_ID, callId);
        }
        return builder.startSpan();
    }

    /** The agent's span, started now (after its parent's) if it was not yet. */
    private Span span(SessionSpans s, Agent a, int depth) {
        if (a.span != null) {
            return a.span;
        }
        Agent parent = a.parentId == null ? null : s.agents.get(a.parentId);
        Span parentSpan = parent == null || parent == a || depth >= MAX_DEPTH ? s.main : span(s, parent, depth + 1);
        var builder = tracer.spanBuilder(INVOKE_AGENT).setParent(Context.root().with(parentSpan))
                .setSpanKind(SpanKind.INTERNAL).setStartTimestamp(a.spawned)
                .setAttribute(OPERATION, INVOKE_AGENT).setAttribute(CONVERSATION, s.id).setAttribute(AGENT_ID, a.id);
        if (a.parentInferred) {
            builder.setAttribute(PARENT_INFERRED, true);
        }
        a.span = builder.startSpan();
        name(a);
        return a.span;
    }

    private static void name(Agent a) {
        String name = a.type == null || a.type.isEmpty() ? a.id : a.type;
        a.span.updateName(INVOKE_AGENT + " " + name);
        a.span.setAttribute(AGENT_NAME, name);
        if (a.model != null) {
            a.span.setAttribute(REQUEST_MODEL, a.model);
        }
        if (a.description != null) {
            a.span.setAttribute(AGENT_DESCRIPTION, a.description);
        }
    }

    private static void usage(Span span, JsonObject tokens) {
        if (tokens == null) {
            return;
        }
        long write = count(tokens, "cache_write_5m") + count(tokens, "cache_write_1h");
        span.setAttribute(INPUT_TOKENS, count(tokens, "input"));
        span.setAttribute(OUTPUT_TOKENS, count(tokens, "output"));
        span.setAttribute(CACHE_READ, count(tokens, "cache_read"));
        span.setAttribute(CACHE_CREATION, write);
    }

    private static long count(JsonObject tokens, String key) {
        var v = tokens.get(key);
        return v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber() ? v.getAsLong() : 0;
    }

    /** Success is OK; an outcome that means the agent did not finish its work is an error. */
    private static void status(Span span, String outcome) {
        if (outcome == null) {
            return;
        }
        switch (outcome) {
            case "success" -> span.setStatus(StatusCode.OK);
            case "failure", "interrupted", "lost", "stale" -> span.setStatus(StatusCode.ERROR, outcome);
            default -> {
                // replaced, session_ended, a marker's own words: no verdict.
            }
        }
    }

    /** Keeps a session's open spans within {@code max-open}: the oldest is ended early. */
    private <V> void bound(Map<String, V> open, SessionSpans s, Instant ts) {
        if (open.size() < settings.maxOpen()) {
            return;
        }
        Iterator<V> oldest = open.values().iterator();
        V gone = oldest.next();
        oldest.remove();
        Span span = gone instanceof Agent a ? a.span : (Span) gone;
        if (span != null) {
            span.setAttribute(EVICTED, true);
            end(span, ts);
            evicted.increment();
        }
    }

    /** Ends every open span of a session, its orchestrator's last. */
    private void endAll(SessionSpans s, Instant ts, String outcome, boolean evict) {
        List<Span> open = new ArrayList<>(s.tools.values());
        for (Agent a : s.agents.values()) {
            Span span = span(s, a, 0);
            if (outcome != null) {
                span.setAttribute(OUTCOME, outcome);
            }
            open.add(span);
        }
        open.add(s.main);
        for (Span span : open) {
            if (evict) {
                span.setAttribute(EVICTED, true);
                evicted.increment();
            }
            end(span, ts);
        }
    }

    private void end(Span span, Instant ts) {
        span.end(ts);
        spansEnded.increment();
    }

    private Instant time(Event event) {
        String ts = event.string(Canonical.TS);
        if (ts != null) {
            try {
                return Instant.parse(ts);
            } catch (DateTimeParseException e) {
                // an event with a broken time is exported at the time it is seen
            }
        }
        return clock.instant();
    }

    /** Ends what is still open, so it is exported, and flushes within the export timeout. */
    @Override
    public void close() {
        Instant now = clock.instant();
        for (SessionSpans s : sessions.values()) {
            endAll(s, now, null, false);
        }
        sessions.clear();
        provider.forceFlush().join(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        provider.shutdown().join(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }
}
