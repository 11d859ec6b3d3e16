package dev.agentgraph.server;

import dev.agentgraph.api.LogThrottle;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's counters and its rate-limited log of refusals. A refusal is logged as one short
 * line, at most one per reason every {@link #LOG_INTERVAL}; the lines in between are only
 * counted, so a flood of hostile requests cannot flood the log.
 */
final class ServerCounters {

    /** Names of the counters, as {@link WebServer#counters()} returns them. */
    static final String REFUSED_HOST = "refused_host";
    static final String REFUSED_ORIGIN = "refused_origin";
    static final String REFUSED_TOKEN = "refused_token";
    static final String REFUSED_WEBSOCKET_LIMIT = "refused_websocket_limit";
    static final String REFUSED_BODY_TOO_LARGE = "refused_body_too_large";
    static final String REFUSED_UPLOAD_LIMIT = "refused_upload_limit";
    static final String REFUSED_BODY_MEMORY = "refused_body_memory";
    static final String UPLOAD_TIMEOUTS = "upload_timeouts";
    static final String ROUTE_ERRORS = "route_errors";
    static final String WEBSOCKETS_ACCEPTED = "websockets_accepted";
    static final String WEBSOCKET_ERRORS = "websocket_errors";

    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    private static final java.time.Duration LOG_INTERVAL = java.time.Duration.ofSeconds(10);
    private static final int MAX_DETAIL = 120;
    private static final int MAX_FRAMES = 12;
    private static final int MAX_CAUSES = 4;

    private final Map<String, LongAdder> counts = new LinkedHashMap<>();
    private final AtomicInteger openWebSockets = new AtomicInteger();
    private final AtomicInteger openUploads = new AtomicInteger();
    private final Map<String, LogThrottle> throttles = new ConcurrentHashMap<>();

    ServerCounters() {
        for (String name : new String[] {REFUSED_HOST, REFUSED_ORIGIN, REFUSED_TOKEN, REFUSED_WEBSOCKET_LIMIT,
                REFUSED_BODY_TOO_LARGE, REFUSED_UPLOAD_LIMIT, REFUSED_BODY_MEMORY, UPLOAD_TIMEOUTS, ROUTE_ERRORS, WEBSOCKETS_ACCEPTED, WEBSOCKET_ERRORS}) {
            counts.put(name, new LongAdder());
        }
    }

    void increment(String name) {
        counts.get(name).increment();
    }

    AtomicInteger openWebSockets() {
        return openWebSockets;
    }

    AtomicInteger openUploads() {
        return openUploads;
    }

    /** Counts a refusal and logs it unless a line for the same reason was logged recently. */
    void refused(String counter, String line) {
        increment(counter);
        warnThrottled(counter, line, null);
    }

    /** Logs a warning, at most one per key every ten seconds, saying how many were held back. */
    void warnThrottled(String key, String line, Throwable error) {
        LogThrottle t = throttles.computeIfAbsent(key, k -> new LogThrottle(LOG_INTERVAL));
        long held = t.admit();
        if (held < 0) {
            return;
        }
        String text = LogThrottle.withHeldBack(line, held);
        LOG.warn(error == null ? text : text + briefTrace(error));
    }

    /**
     * The first frames of a stack trace and its causes: enough to find the fault, and bounded,
     * because a {@code StackOverflowError} carries a thousand frames.
     */
    static String briefTrace(Throwable error) {
        StringBuilder b = new StringBuilder();
        int causes = 0;
        for (Throwable t = error; t != null && causes < MAX_CAUSES; t = t.getCause(), causes++) {
            b.append(causes == 0 ? "\n" : "\nCaused by: ").append(causes == 0 ? t.getClass().getName() : t.toString());
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < frames.length && i < MAX_FRAMES; i++) {
                b.append("\n\tat ").append(frames[i]);
            }
            if (frames.length > MAX_FRAMES) {
                b.append("\n\t... ").append(frames.length - MAX_FRAMES).append(" more");
            }
        }
        return b.toString();
    }

    /**
     * A snapshot of every counter, plus the gauges {@code websockets_open} (connections open now)
     * and {@code uploads_open} (request bodies being read now).
     */
    Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        counts.forEach((k, v) -> m.put(k, v.sum()));
        m.put("websockets_open", (long) openWebSockets.get());
        m.put("uploads_open", (long) openUploads.get());
        return Collections.unmodifiableMap(m);
    }

    /** Makes a client-supplied value safe to log: printable ASCII only, bounded length. */
    static String clean(String value) {
        if (value == null) {
            return "(none)";
        }
        StringBuilder b = new StringBuilder(Math.min(value.length(), MAX_DETAIL) + 2).append('\'');
        for (int i = 0; i < value.length() && i < MAX_DETAIL; i++) {
            char c = value.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (value.length() > MAX_DETAIL) {
            b.append("...");
        }
        return b.append('\'').toString();
    }
}
