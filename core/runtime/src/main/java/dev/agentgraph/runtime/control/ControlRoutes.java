package dev.agentgraph.runtime.control;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.agentgraph.api.Canonical;
import dev.agentgraph.api.Emitter;
import dev.agentgraph.api.Event;
import dev.agentgraph.api.HttpRequest;
import dev.agentgraph.api.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;

/**
 * The page's actions: {@code GET /api/control} (whether control is on, the anti-forgery token,
 * which runtimes can block), and {@code POST /api/agents/{session}/{agent}/stop},
 * {@code POST /api/sessions/{session}/hold} and {@code …/release}. An action runs only when
 * control is on, the request comes from the page's own origin (an {@code Origin} header, which the
 * server has already checked is ours) and carries the {@link AntiForgeryToken}; else 403 and
 * nothing changes. The server's token, when one is set, was checked before any route. Each action
 * is logged with its time, target and caller, and announced as an {@code agent_update}
 * ({@code stopping}) or {@code session_update} ({@code held}) so that every page shows it.
 */
public final class ControlRoutes {

    public static final String STATE_PATH = "/api/control";
    public static final String AGENTS_PREFIX = "/api/agents/";
    public static final String SESSIONS_PREFIX = "/api/sessions/";

    private final ControlBook book;
    private final AntiForgeryToken token;
    private final List<String> blockingRuntimes;
    private final Emitter announce;
    private final Clock clock;
    private final Logger log;

    ControlRoutes(ControlBook book, AntiForgeryToken token, List<String> blockingRuntimes, Emitter announce, Clock clock,
            Logger log) {
        this.book = book;
        this.token = token;
        this.blockingRuntimes = List.copyOf(blockingRuntimes);
        this.announce = announce;
        this.clock = clock;
        this.log = log;
    }

    HttpResponse state(HttpRequest request) {
        JsonObject o = new JsonObject();
        o.addProperty("enabled", book.enabled());
        if (book.enabled()) {
            o.addProperty("token", token.value());
            o.addProperty("header", AntiForgeryToken.HEADER);
            JsonArray runtimes = new JsonArray();
            blockingRuntimes.forEach(runtimes::add);
            o.add("runtimes", runtimes);
        }
        return HttpResponse.json(200, o.toString());
    }

    /** {@code /api/agents/{session}/{agent}/stop}. */
    HttpResponse agent(HttpRequest request) {
        HttpResponse refused = refusal(request);
        if (refused != null) {
            return refused;
        }
        String[] parts = request.path().substring(AGENTS_PREFIX.length()).split("/", -1);
        if (parts.length != 3 || !"stop".equals(parts[2])) {
            return HttpResponse.text(404, "not found: POST " + AGENTS_PREFIX + "{session}/{agent}/stop\n");
        }
        if (!ControlIds.plain(parts[0]) || !ControlIds.plain(parts[1])) {
            return unplain(request);
        }
        Instant now = clock.instant();
        boolean changed = book.stop(parts[0], parts[1], now);
        log.info("control: agent {} of session {} stopped at {} by {}{}", parts[1], parts[0], now, request.remoteAddress(),
                changed ? "" : " (already stopped)");
        if (changed) {
            JsonObject update = update(Canonical.AGENT_UPDATE, parts[0], now);
            update.addProperty(Canonical.ID, parts[1]);
            update.addProperty(Canonical.STOPPING, true);
            announce.emit(Event.of(update));
        }
        return done(changed);
    }

    /** {@code /api/sessions/{session}/hold} and {@code …/release}. */
    HttpResponse session(HttpRequest request) {
        HttpResponse refused = refusal(request);
        if (refused != null) {
            return refused;
        }
        String[] parts = request.path().substring(SESSIONS_PREFIX.length()).split("/", -1);
        boolean hold = parts.length == 2 && "hold".equals(parts[1]);
        if (parts.length != 2 || !(hold || "release".equals(parts[1]))) {
            return HttpResponse.text(404, "not found: POST " + SESSIONS_PREFIX + "{session}/hold or …/release\n");
        }
        if (!ControlIds.plain(parts[0])) {
            return unplain(request);
        }
        Instant now = clock.instant();
        boolean changed = hold ? book.hold(parts[0], now) : book.release(parts[0]);
        log.info("control: session {} {} at {} by {}{}", parts[0], hold ? "held" : "released", now, request.remoteAddress(),
                changed ? "" : hold ? " (already held)" : " (was not held)");
        if (changed) {
            JsonObject update = update(Canonical.SESSION_UPDATE, parts[0], now);
            if (hold) {
                update.addProperty(Canonical.HELD, true);
            } else {
                update.add(Canonical.HELD, JsonNull.INSTANCE); // null clears the field
            }
            announce.emit(Event.of(update));
        }
        return done(changed);
    }

    /** The 403 of a request that may not act, logged without the token it carried; null when it may. */
    private HttpResponse refusal(HttpRequest request) {
        String why;
        if (!book.enabled()) {
            why = "control is off: start AgentGraph with --control (server.control=true)";
        } else if (request.header("Origin").isEmpty()) {
            why = "actions come only from the page (no Origin header)";
        } else if (!token.matches(request.header(AntiForgeryToken.HEADER).orElse(null))) {
            why = "missing or wrong " + AntiForgeryToken.HEADER + " header (reload the page)";
        } else {
            return null;
        }
        log.warn("control: refused {} {} from {}: {}", request.method(), clean(request.path()), request.remoteAddress(), why);
        return HttpResponse.text(403, "refused: " + why + "\n");
    }

    private HttpResponse unplain(HttpRequest request) {
        log.warn("control: refused {} {}: ids must be letters, digits, - and _ (at most {})", request.method(),
                clean(request.path()), ControlIds.MAX_LENGTH);
        return HttpResponse.text(400, "these ids cannot be controlled: letters, digits, - and _ only\n");
    }

    private static JsonObject update(String type, String session, Instant now) {
        JsonObject o = new JsonObject();
        o.addProperty(Canonical.TS, now.toString());
        o.addProperty(Canonical.EVENT, type);
        o.addProperty(Canonical.SESSION_ID, session);
        return o;
    }

    private static HttpResponse done(boolean changed) {
        JsonObject o = new JsonObject();
        o.addProperty("ok", true);
        o.addProperty("changed", changed);
        return HttpResponse.json(200, o.toString());
    }

    /** A path for a log line: bounded, printable. */
    private static String clean(String path) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < path.length() && b.length() < 200; i++) {
            char c = path.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }
}
