package dev.agentgraph.plugins.httpingest;

import dev.agentgraph.api.AgentGraphHook;
import dev.agentgraph.api.Canonical;
import dev.agentgraph.api.Counter;
import dev.agentgraph.api.Emitter;
import dev.agentgraph.api.Event;
import dev.agentgraph.api.EventFormatException;
import dev.agentgraph.api.HookLine;
import dev.agentgraph.api.HttpRequest;
import dev.agentgraph.api.HttpResponse;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Source;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;

/**
 * Receives agent runtimes' hooks posted to {@code /ingest/<runtime>} (Claude Code's
 * {@code type: "http"} hooks, the curl commands of runtimes without http hooks), one path per
 * configured runtime. Each request body is one hook payload (one JSON object); it is emitted with
 * the time it was received and the runtime of its path ({@link HookLine#RUNTIME}), exactly as the
 * sh hook would have written it, and answered at once so the agent never waits: an empty 200, or
 * for a {@code PreToolUse} refused by a control decision ({@code --control}), the deny answer. It is also appended
 * to the event file in the hook's line format, marked as already decoded ({@link HookLine#VIA}), so
 * that a restart restores an http-mode session as it does a file-mode one. The server has
 * already refused a foreign Host or Origin, a missing token and a body over the cap (413).
 */
final class HttpIngestSource implements Source {

    private static final int MAX_HOST = 80;
    /** The hook payload members a decision reads: the same in Claude Code's and Codex's payloads. */
    private static final String HOOK_EVENT = "hook_event_name";
    private static final String PRE_TOOL_USE = "PreToolUse";
    private static final String TOOL_NAME = "tool_name";

    private final PluginContext context;
    private final List<String> runtimes;
    private final long maxBody;
    private final Logger log;
    private final Counter accepted;
    private final Counter rejected;
    private final Counter denied;
    private final EventFileAppender appender;
    private volatile Emitter emitter;

    /** {@code appender} null: payloads are not written to the event file. */
    HttpIngestSource(PluginContext context, List<String> runtimes, long maxBody, EventFileAppender appender) {
        this.context = context;
        this.runtimes = List.copyOf(runtimes);
        this.maxBody = maxBody;
        this.log = context.log();
        this.accepted = context.counter("accepted");
        this.rejected = context.counter("bad_requests");
        this.denied = context.counter("denied");
        this.appender = appender;
    }

    @Override
    public void start(Emitter emit) {
        this.emitter = emit;
        for (String runtime : runtimes) {
            context.routes().http("POST", AgentGraphHook.ingestPath(runtime), maxBody, r -> handle(runtime, r));
        }
    }

    HttpResponse handle(String runtime, HttpRequest request) {
        Emitter emit = emitter;
        if (emit == null) {
            return HttpResponse.text(503, "AgentGraph is stopping\n");
        }
        Instant received = context.clock().instant();
        Event payload;
        try {
            payload = Event.parse(utf8(request.body()));
        } catch (EventFormatException | CharacterCodingException e) {
            rejected.increment();
            log.warn("refused a {}-byte body on {} from {}: {}", request.body().length, AgentGraphHook.ingestPath(runtime),
                    request.remoteAddress(), e.getMessage());
            return HttpResponse.text(400, "expected one JSON object\n");
        }
        String host = request.header(AgentGraphHook.HOST_HEADER).filter(h -> !h.isBlank() && h.length() <= MAX_HOST).orElse(null);
        // The file's line is written out with VIA, which the event emitted here does not carry.
        HookLine.Wrapped line = HookLine.wrap(payload, runtime, received, host, appender != null ? HookLine.viaHttp() : null);
        emit.emit(line.event());
        if (line.fileLine() != null) {
            appender.append(line.fileLine());
        }
        accepted.increment();
        return decision(payload);
    }

    /**
     * The answer to the hook: empty (go on), or for a {@code PreToolUse} that the user's control
     * decisions refuse ({@code docs/control.md}), the deny JSON that the runtime reads from a
     * synchronous http hook's 2xx answer. A few map look-ups; no I/O.
     */
    private HttpResponse decision(Event payload) {
        if (!context.controls().enabled() || !PRE_TOOL_USE.equals(payload.string(HOOK_EVENT))) {
            return HttpResponse.empty(200);
        }
        return context.controls().denial(payload.string(Canonical.SESSION_ID), payload.string(Canonical.AGENT_ID),
                        payload.string(TOOL_NAME))
                .map(d -> {
                    denied.increment();
                    return HttpResponse.json(200, d.hookAnswer());
                })
                .orElseGet(() -> HttpResponse.empty(200));
    }

    @Override
    public void close() {
        emitter = null;
        if (appender != null) {
            appender.close();
        }
    }

    private static String utf8(byte[] body) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(body)).toString();
    }
}
