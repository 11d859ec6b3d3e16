package dev.agentgraph.plugins.httpingest;

import com.google.gson.JsonObject;

/** Reading the stream's frames in tests. */
final class Frames {

    private Frames() {
    }

    /** An {@code event} frame of {@code type} whose {@code field} is {@code value}. */
    static boolean isEvent(JsonObject frame, String type, String field, String value) {
        if (!"event".equals(frame.get("type").getAsString())) {
            return false;
        }
        JsonObject data = frame.getAsJsonObject("data");
        return type.equals(data.get("event").getAsString()) && data.has(field)
                && value.equals(data.get(field).getAsString());
    }
}
