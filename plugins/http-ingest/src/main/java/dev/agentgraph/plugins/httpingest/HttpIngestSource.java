package dev.agentgraph.plugins.httpingest;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.agentgraph.api.Counter;
import dev.agentgraph.api.Emitter;
import dev.agentgraph.api.Event;
import dev.agentgraph.api.EventFormatException;
import dev.agentgraph.api.HttpRequest;
import dev.agentgraph.api.HttpResponse;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Source;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Receives Claude Code's {@code type: "http"} hooks. Each request body is one hook payload (one
 * JSON object); it is emitted with the time it was received, exactly as the sh hook would have
 * written it, and answered at once with an empty 200 so the agent never waits. The server has
 * already refused a foreign Host or Origin, a missing token and a body over the cap (413).
 */
final class HttpIngestSource implements Source {

    static final String PATH = "/ingest/claude-code";
    private static final String RECEIVED = "agentgraph_received";

    private final PluginContext context;
    private final long maxBody;
    private final Logger log;
    private final Counter accepted;
    private final Counter rejected;
    private volatile Emitter emitter;

    HttpIngestSource(PluginContext context, long maxBody) {
        this.context = context;
        this.maxBody = maxBody;
        this.log = context.log();
        this.accepted = context.counter("accepted");
        this.rejected = context.counter("bad_requests");
    }

    @Override
    public void start(Emitter emit) {
        this.emitter = emit;
        context.routes().http("POST", PATH, maxBody, this::handle);
    }

    HttpResponse handle(HttpRequest request) {
        Emitter emit = emitter;
        if (emit == null) {
            return HttpResponse.text(503, "AgentGraph is stopping\n");
        }
        String received = context.clock().instant().toString();
        Event payload;
        try {
            payload = Event.parse(utf8(request.body()));
        } catch (EventFormatException | CharacterCodingException e) {
            rejected.increment();
            log.warn("refused a {}-byte body on {} from {}: {}", request.body().length, PATH,
                    request.remoteAddress(), e.getMessage());
            return HttpResponse.text(400, "expected one JSON object\n");
        }
        JsonObject line = new JsonObject();
        line.addProperty(RECEIVED, received);
        for (Map.Entry<String, JsonElement> member : payload.json().entrySet()) {
            if (!RECEIVED.equals(member.getKey())) {
                line.add(member.getKey(), member.getValue());
            }
        }
        emit.emit(Event.of(line));
        accepted.increment();
        return HttpResponse.empty(200);
    }

    @Override
    public void close() {
        emitter = null;
    }

    private static String utf8(byte[] body) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(body)).toString();
    }
}
