package dev.agentgraph.api;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;

/**
 * The line format in which hooks (the sh hook, and http-ingest on its behalf) write an agent
 * runtime's raw payload to the event file: one JSON object a line, the payload's own members
 * after AgentGraph's, whose names all begin with {@code agentgraph_}:
 *
 * <pre>{"agentgraph_runtime":"codex","agentgraph_received":"2026-…Z","agentgraph_host":"laptop",&lt;payload members&gt;}</pre>
 *
 * Decoders read these members; every writer spells them through this class. Each decoder claims
 * the lines of its own runtime only ({@link #isFrom}).
 */
public final class HookLine {

    /** When the hook received the payload (ISO-8601, UTC): the time of everything it says. */
    public static final String RECEIVED = "agentgraph_received";
    /**
     * The runtime whose hook wrote the line, a {@link RuntimeIntegration#name()}: the sh hook
     * writes its {@link AgentGraphHook#RUNTIME_ENV}, http-ingest the runtime of its path. Lines
     * written before the mark existed have none; they are Claude Code's.
     */
    public static final String RUNTIME = "agentgraph_runtime";
    /** The machine the payload came from. */
    public static final String HOST = "agentgraph_host";
    /**
     * On a line http-ingest appended after its payload was decoded already: {@code http:<run>},
     * the run being this process's ({@link #viaHttp()}). The same process skips such a line when
     * it follows it live ({@link #isOwnCopy}); a restart (history), a replay of another run's file
     * or another server reads it like any line.
     */
    public static final String VIA = "agentgraph_via";
    /** On a payload the hook cut to its cap: what was dropped. */
    public static final String CUT = "agentgraph_cut";

    /** This process among all that ever wrote to an event file. */
    private static final String RUN = Long.toHexString(new SecureRandom().nextLong());

    private HookLine() {
    }

    /** The {@link #VIA} value of the lines http ingest of this process writes. */
    public static String viaHttp() {
        return "http:" + RUN;
    }

    /** Whether a line's {@link #VIA} says this process wrote it after decoding its payload. */
    public static boolean isOwnCopy(String via) {
        return via != null && via.equals(viaHttp());
    }

    /** When the hook received a line's payload ({@link #RECEIVED}), or {@code fallback} when it says none readable. */
    public static Instant receivedAt(Event line, Instant fallback) {
        String received = line.string(RECEIVED);
        if (received != null && received.length() <= 40) {
            try {
                return Instant.parse(received);
            } catch (java.time.format.DateTimeParseException e) {
                // a hand-written line: the fallback
            }
        }
        return fallback;
    }

    /**
     * Whether a line was written for {@code runtime}. With {@code unmarkedToo}, a line without
     * {@link #RUNTIME} counts as well: that is the one runtime whose lines predate the mark.
     */
    public static boolean isFrom(Event line, String runtime, boolean unmarkedToo) {
        String marked = line.string(RUNTIME);
        return marked == null ? unmarkedToo && !line.has(RUNTIME) : marked.equals(runtime);
    }

    /**
     * A payload wrapped as a hook line: AgentGraph's members first (a {@code runtime},
     * {@code host} or {@code via} of null is left out), then the payload's, any
     * {@code agentgraph_} member of the payload itself dropped so that nobody can forge them.
     */
    public static JsonObject wrap(JsonObject payload, String runtime, Instant received, String host, String via) {
        JsonObject line = new JsonObject();
        if (runtime != null) {
            line.addProperty(RUNTIME, runtime);
        }
        line.addProperty(RECEIVED, received.toString());
        if (host != null) {
            line.addProperty(HOST, host);
        }
        if (via != null) {
            line.addProperty(VIA, via);
        }
        for (Map.Entry<String, JsonElement> member : payload.entrySet()) {
            if (!member.getKey().startsWith("agentgraph_")) {
                line.add(member.getKey(), member.getValue());
            }
        }
        return line;
    }
}
