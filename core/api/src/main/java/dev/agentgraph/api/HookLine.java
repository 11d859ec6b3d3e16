package dev.agentgraph.api;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.security.SecureRandom;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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

    /** Longer {@link #RECEIVED} values are not times (the longest ISO-8601 instant is 30 characters). */
    private static final int MAX_RECEIVED = 40;

    /**
     * A {@link #RECEIVED} value as an instant, or null when it is missing or not an ISO-8601 UTC
     * instant. The layouts hooks write ({@code 2026-11-24T00:15:02.123Z}, with 0 to 9 fraction
     * digits) are read by hand, several times faster than {@link Instant#parse}, which every
     * other layout still goes through: this runs once for every hook line.
     */
    public static Instant received(String value) {
        if (value == null || value.length() > MAX_RECEIVED) {
            return null;
        }
        Instant fast = receivedFast(value);
        if (fast != null) {
            return fast;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code YYYY-MM-DDTHH:MM:SS[.f…]Z}, or null to let {@link Instant#parse} decide. */
    private static Instant receivedFast(String v) {
        int n = v.length();
        if (n < 20 || v.charAt(4) != '-' || v.charAt(7) != '-' || v.charAt(10) != 'T' || v.charAt(13) != ':'
                || v.charAt(16) != ':' || v.charAt(n - 1) != 'Z') {
            return null;
        }
        int year = digits(v, 0, 4);
        int month = digits(v, 5, 7);
        int day = digits(v, 8, 10);
        int hour = digits(v, 11, 13);
        int minute = digits(v, 14, 16);
        int second = digits(v, 17, 19);
        int nanos = 0;
        if (n > 20) {
            if (v.charAt(19) != '.' || n - 21 > 9 || n - 21 < 1) {
                return null;
            }
            int fraction = digits(v, 20, n - 1);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = n - 21; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        try {
            long days = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number in {@code v[from, to)}, or -1 unless all of it is ASCII digits. */
    private static int digits(String v, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
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

    /** A payload as a hook line: the event to emit, and the text to append to the event file. */
    public record Wrapped(Event event, String fileLine) {
    }

    /**
     * A payload wrapped as a hook line: AgentGraph's members first (a {@code runtime} or
     * {@code host} of null is left out), then the payload's, any {@code agentgraph_} member of
     * the payload itself dropped so that nobody can forge them. The event carries no {@link #VIA};
     * the file's line, made only when {@code via} is not null, carries it after AgentGraph's other
     * members.
     *
     * <p>Both share the payload's own parsed tree, copied neither for the one nor the other: a
     * hook may post megabytes, whose tree is ten times that in memory, and three copies of one
     * two-megabyte payload filled a 64 MiB heap.
     */
    public static Wrapped wrap(Event payload, String runtime, Instant received, String host, String via) {
        JsonObject line = members(payload, runtime, received, host, null);
        String fileLine = via == null ? null : members(payload, runtime, received, host, via).toString();
        return new Wrapped(Event.adopt(line, line.toString()), fileLine);
    }

    /** AgentGraph's members that are not null, then the payload's own, sharing its values. */
    private static JsonObject members(Event payload, String runtime, Instant received, String host, String via) {
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
        for (Map.Entry<String, JsonElement> member : payload.tree().entrySet()) {
            if (!member.getKey().startsWith("agentgraph_")) {
                line.add(member.getKey(), member.getValue());
            }
        }
        return line;
    }
}
