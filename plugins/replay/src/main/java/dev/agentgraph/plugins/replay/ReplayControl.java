package dev.agentgraph.plugins.replay;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.agentgraph.api.HttpRequest;
import dev.agentgraph.api.HttpResponse;
import dev.agentgraph.api.Routes;
import java.nio.charset.StandardCharsets;

/**
 * The replay's controls for the page: {@code GET /api/replay} tells where it is
 * ({@code {"file","position_ms","length_ms","playing","speed","events"}}), {@code POST /api/replay}
 * with {@code {"action":"play"|"pause"}}, {@code {"action":"speed","speed":X}} or
 * {@code {"action":"seek","ms":N}} changes it. The server's Host, Origin and token checks come
 * first, as for every route.
 */
final class ReplayControl {

    static final String PATH = "/api/replay";
    /** The largest command body: a command is a few dozen bytes. */
    static final int MAX_BODY = 1024;

    private final ReplaySource source;
    private final PlayClock clock;

    ReplayControl(ReplaySource source, PlayClock clock) {
        this.source = source;
        this.clock = clock;
    }

    void mount(Routes routes) {
        routes.http("GET", PATH, 0, request -> state());
        routes.http("POST", PATH, MAX_BODY, this::command);
    }

    HttpResponse state() {
        JsonObject s = new JsonObject();
        long length = source.length();
        s.addProperty("file", source.fileName());
        s.addProperty("ready", length >= 0);
        s.addProperty("position_ms", length < 0 ? 0 : Math.min(clock.position(), length));
        s.addProperty("length_ms", Math.max(0, length));
        s.addProperty("playing", clock.playing());
        s.addProperty("speed", clock.speed());
        s.addProperty("events", source.total());
        return HttpResponse.json(200, s.toString());
    }

    private HttpResponse command(HttpRequest request) {
        JsonObject c;
        try {
            JsonElement e = JsonParser.parseString(new String(request.body(), StandardCharsets.UTF_8));
            c = e.isJsonObject() ? e.getAsJsonObject() : null;
        } catch (JsonParseException e) {
            c = null;
        }
        String action = c == null ? null : text(c, "action");
        if (action == null) {
            return HttpResponse.text(400, "expected {\"action\": \"play\" | \"pause\" | \"speed\" | \"seek\"}\n");
        }
        switch (action) {
            case "play" -> {
                if (source.length() >= 0 && clock.position() >= source.length()) {
                    clock.jump(0); // played to the end: play it again
                }
                clock.play();
            }
            case "pause" -> clock.pause();
            case "speed" -> {
                double speed = number(c, "speed");
                if (!PlayClock.isSpeed(speed)) {
                    return HttpResponse.text(400, "speed must be a positive number\n");
                }
                clock.speed(speed);
            }
            case "seek" -> {
                double ms = number(c, "ms");
                if (!(ms >= 0) || Double.isInfinite(ms)) {
                    return HttpResponse.text(400, "ms must be a number of milliseconds from the start, 0 or more\n");
                }
                clock.jump((long) ms);
            }
            default -> {
                return HttpResponse.text(400, "unknown action; expected play, pause, speed or seek\n");
            }
        }
        return state();
    }

    private static String text(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : null;
    }

    private static double number(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() ? e.getAsDouble() : Double.NaN;
    }
}
