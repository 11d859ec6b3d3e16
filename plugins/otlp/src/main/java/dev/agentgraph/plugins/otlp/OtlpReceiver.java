package dev.agentgraph.plugins.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.agentgraph.api.Counter;
import dev.agentgraph.api.Emitter;
import dev.agentgraph.api.Event;
import dev.agentgraph.api.HttpRequest;
import dev.agentgraph.api.HttpResponse;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Source;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * The OTLP/HTTP receiver: {@code POST /v1/traces}, {@code /v1/logs} and {@code /v1/metrics}, in
 * protobuf or JSON, plain or gzip. The server has already refused a foreign Host or Origin, a
 * missing token and a body over {@code max-body} (413). A request is parsed whole before anything
 * is decoded, so a malformed or truncated one (400) changes nothing; a valid one is decoded and
 * its events emitted together, under one lock, and answered with OTLP's own response (with a
 * partial success naming the spans it rejected). Metrics are accepted and counted: Claude Code's
 * metrics repeat what its log events say.
 */
final class OtlpReceiver implements Source {

    static final String TRACES = "/v1/traces";
    static final String LOGS = "/v1/logs";
    static final String METRICS = "/v1/metrics";

    private final PluginContext context;
    private final OtlpSettings settings;
    private final Logger log;
    private final Object lock = new Object();
    private final DecoderState state;
    private final Spans spans;
    private final ClaudeLogs logs;
    private final Counter acceptedSpans;
    private final Counter rejectedSpans;
    private final Counter logRecords;
    private final Counter repeatedLogEvents;
    private final Counter metricPoints;
    private final Counter badRequests;
    private final Counter events;
    private volatile Emitter emitter;

    OtlpReceiver(PluginContext context, OtlpSettings settings) {
        this.context = context;
        this.settings = settings;
        this.log = context.log();
        this.state = new DecoderState(settings.maxEntries(), settings.forgetAfter().toMillis());
        this.spans = new Spans(state);
        this.logs = new ClaudeLogs(state);
        this.acceptedSpans = context.counter("spans");
        this.rejectedSpans = context.counter("rejected_spans");
        this.logRecords = context.counter("log_records");
        this.repeatedLogEvents = context.counter("repeated_log_events");
        this.metricPoints = context.counter("metric_points");
        this.badRequests = context.counter("bad_requests");
        this.events = context.counter("events");
    }

    @Override
    public void start(Emitter emit) {
        this.emitter = emit;
        context.routes().http("POST", TRACES, settings.maxBody(), this::traces);
        context.routes().http("POST", LOGS, settings.maxBody(), this::logs);
        context.routes().http("POST", METRICS, settings.maxBody(), this::metrics);
    }

    HttpResponse traces(HttpRequest request) {
        return handle(request, ExportTraceServiceRequest.newBuilder(), (message, now, received, out) -> {
            ExportTraceServiceRequest r = (ExportTraceServiceRequest) message;
            int rejected = spans.decode(r, received, now, out);
            int total = r.getResourceSpansList().stream().flatMap(rs -> rs.getScopeSpansList().stream())
                    .mapToInt(ss -> ss.getSpansCount()).sum();
            acceptedSpans.add(total - rejected);
            rejectedSpans.add(rejected);
            ExportTraceServiceResponse.Builder answer = ExportTraceServiceResponse.newBuilder();
            if (rejected > 0) {
                answer.setPartialSuccess(ExportTracePartialSuccess.newBuilder().setRejectedSpans(rejected)
                        .setErrorMessage("spans need a 16-byte trace id and an 8-byte span id"));
            }
            return answer.build();
        });
    }

    HttpResponse logs(HttpRequest request) {
        return handle(request, ExportLogsServiceRequest.newBuilder(), (message, now, received, out) -> {
            ExportLogsServiceRequest r = (ExportLogsServiceRequest) message;
            int repeats = logs.decode(r, received, now, out);
            long total = 0;
            for (ResourceLogs rl : r.getResourceLogsList()) {
                for (ScopeLogs sl : rl.getScopeLogsList()) {
                    total += sl.getLogRecordsCount();
                }
            }
            logRecords.add(total);
            repeatedLogEvents.add(repeats);
            // A repeat is accepted (it is already counted), not rejected: the sender must not retry it.
            return ExportLogsServiceResponse.getDefaultInstance();
        });
    }

    HttpResponse metrics(HttpRequest request) {
        return handle(request, ExportMetricsServiceRequest.newBuilder(), (message, now, received, out) -> {
            long points = 0;
            for (ResourceMetrics rm : ((ExportMetricsServiceRequest) message).getResourceMetricsList()) {
                for (ScopeMetrics sm : rm.getScopeMetricsList()) {
                    points += sm.getMetricsCount();
                }
            }
            metricPoints.add(points);
            return ExportMetricsServiceResponse.getDefaultInstance();
        });
    }

    /** Decodes one parsed request into events; returns the OTLP response. Runs under the lock. */
    @FunctionalInterface
    private interface Decoder {
        Message decode(Message request, long now, Instant received, Out out);
    }

    private HttpResponse handle(HttpRequest request, Message.Builder builder, Decoder decoder) {
        Emitter emit = emitter;
        if (emit == null) {
            return HttpResponse.text(503, "AgentGraph is stopping\n");
        }
        boolean json = RequestBody.declaresJson(request);
        try {
            RequestBody body = RequestBody.read(request, settings.maxInflated());
            if (body.json()) {
                OtlpJson.merge(body.text(), builder);
            } else {
                builder.mergeFrom(body.bytes());
            }
        } catch (RequestBody.Refused e) {
            return refuse(request, json, e.status, e.getMessage());
        } catch (InvalidProtocolBufferException e) {
            return refuse(request, json, 400, "not an OTLP " + builder.getDescriptorForType().getName() + ": "
                    + Texts.bound(e.getMessage(), Texts.MESSAGE));
        }
        Message parsed = builder.build();
        Message answer;
        synchronized (lock) {
            long now = context.clock().millis();
            Instant received = context.clock().instant();
            state.expire(now);
            Out out = new Out();
            answer = decoder.decode(parsed, now, received, out);
            for (Event event : out.events()) {
                emit.emit(event);
            }
            events.add(out.events().size());
        }
        return respond(200, json, answer);
    }

    private HttpResponse refuse(HttpRequest request, boolean json, int status, String reason) {
        badRequests.increment();
        log.warn("refused a {}-byte body on {} from {}: {} ({})", request.body().length, request.path(),
                request.remoteAddress(), reason, status);
        int code = status == 413 ? RpcStatus.RESOURCE_EXHAUSTED : RpcStatus.INVALID_ARGUMENT;
        return json ? HttpResponse.json(status, RpcStatus.json(code, reason))
                : new HttpResponse(status, RequestBody.PROTOBUF, RpcStatus.protobuf(code, reason));
    }

    private static HttpResponse respond(int status, boolean json, Message answer) {
        if (!json) {
            return new HttpResponse(status, RequestBody.PROTOBUF, answer.toByteArray());
        }
        try {
            return new HttpResponse(status, RequestBody.JSON, OtlpJson.print(answer).getBytes(StandardCharsets.UTF_8));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("an OTLP response cannot be printed", e);
        }
    }

    @Override
    public void close() {
        emitter = null;
    }
}
