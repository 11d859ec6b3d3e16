package dev.agentgraph.plugins.otlp;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Trace spans: Claude Code's beta spans ({@code claude_code.*}) and generic GenAI spans. A span
 * whose trace or span id has the wrong length is rejected (reported in the partial success);
 * spans of neither kind are accepted and ignored.
 */
final class Spans {

    static final String CLAUDE_PREFIX = "claude_code.";
    /** The system property and resource attribute by which otlp-export marks this process's spans. */
    static final String OWN_INSTANCE = "agentgraph.instance";
    private static final HexFormat HEX = HexFormat.of();

    private final DecoderState state;
    private final ClaudeSpans claude;
    private final GenAiSpans genAi;

    Spans(DecoderState state) {
        this.state = state;
        this.claude = new ClaudeSpans(state);
        this.genAi = new GenAiSpans(state);
    }

    /** Decodes every valid span into {@code out}; returns how many were rejected. */
    int decode(ExportTraceServiceRequest request, Instant received, long now, Out out) {
        learnConversations(request, now);
        int rejected = 0;
        for (ResourceSpans rs : request.getResourceSpansList()) {
            Resources.Origin origin = Resources.origin(rs.getResource());
            if (isOwnExport(rs)) {
                continue;
            }
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span span : ss.getSpansList()) {
                    if (!valid(span)) {
                        rejected++;
                    } else if (span.getName().startsWith(CLAUDE_PREFIX)) {
                        claude.decode(span, origin, received, now, out);
                    } else {
                        genAi.decode(span, origin, received, now, out);
                    }
                }
            }
        }
        return rejected;
    }

    /**
     * The session of a trace is its {@code gen_ai.conversation.id} when any span of the trace has
     * one; children usually arrive before the agent span that carries it, so the whole request is
     * read for it first. The first session found for a trace stays its session.
     */
    private void learnConversations(ExportTraceServiceRequest request, long now) {
        for (ResourceSpans rs : request.getResourceSpansList()) {
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span span : ss.getSpansList()) {
                    String conversation = Attributes.of(span.getAttributesList())
                            .string("gen_ai.conversation.id", Texts.ID);
                    if (conversation != null && valid(span)) {
                        String trace = hex(span.getTraceId().toByteArray());
                        if (!state.traceSessions.contains(trace)) {
                            state.traceSessions.put(trace, conversation, now);
                        }
                    }
                }
            }
        }
    }

    /**
     * Whether these spans are this process's own {@code otlp-export} sent back to it: drawing them
     * would export them again, in a loop. Another AgentGraph's export (a team's central server
     * fed by the laptops' exports) is drawn as usual.
     */
    private static boolean isOwnExport(ResourceSpans rs) {
        String own = System.getProperty(OWN_INSTANCE);
        return own != null && own.equals(Attributes.of(rs.getResource().getAttributesList()).string(OWN_INSTANCE, Texts.ID));
    }

    /** The session of a span's trace: its conversation, or the trace id itself. */
    static String session(DecoderState state, String trace, long now) {
        String session = state.traceSessions.get(trace, now);
        if (session == null) {
            session = trace;
            state.traceSessions.put(trace, session, now);
        }
        return session;
    }

    private static boolean valid(Span span) {
        int parent = span.getParentSpanId().size();
        return span.getTraceId().size() == 16 && span.getSpanId().size() == 8 && (parent == 0 || parent == 8);
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    static double durationMs(Span span) {
        long nanos = span.getEndTimeUnixNano() - span.getStartTimeUnixNano();
        return span.getStartTimeUnixNano() > 0 && nanos >= 0 ? nanos / 1e6 : Double.NaN;
    }

    static boolean failed(Span span) {
        return span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR;
    }
}
