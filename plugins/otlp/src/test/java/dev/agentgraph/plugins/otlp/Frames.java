package dev.agentgraph.plugins.otlp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.agentgraph.testkit.WsClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The canonical events a browser received, read from its WebSocket frames. */
final class Frames {

    private Frames() {
    }

    static List<JsonObject> events(WsClient ws) {
        List<JsonObject> events = new ArrayList<>();
        for (JsonObject f : ws.frames()) {
            if ("event".equals(f.get("type").getAsString())) {
                events.add(f.getAsJsonObject("data"));
            }
        }
        return events;
    }

    static List<JsonObject> events(WsClient ws, String type) {
        return events(ws).stream().filter(e -> type.equals(string(e, "event"))).toList();
    }

    /** Waits for an event of this type whose {@code field} is {@code value}. */
    static JsonObject await(WsClient ws, String type, String field, String value) {
        return ws.awaitFrame(f -> "event".equals(f.get("type").getAsString())
                && is(f.getAsJsonObject("data"), type, field, value)).getAsJsonObject("data");
    }

    static Predicate<JsonObject> is(String type, String field, String value) {
        return e -> is(e, type, field, value);
    }

    static boolean is(JsonObject e, String type, String field, String value) {
        return type.equals(string(e, "event")) && value.equals(string(e, field));
    }

    static String string(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e == null || !e.isJsonPrimitive() ? null : e.getAsString();
    }

    /** The ids of the agents a new browser would be shown as alive. */
    static List<String> alive(JsonObject snapshot) {
        List<String> ids = new ArrayList<>();
        for (JsonElement a : snapshot.getAsJsonArray("alive")) {
            ids.add(a.getAsJsonObject().get("id").getAsString());
        }
        return ids;
    }
}
