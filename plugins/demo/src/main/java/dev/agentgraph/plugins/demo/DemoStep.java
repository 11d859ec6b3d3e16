package dev.agentgraph.plugins.demo;

import com.google.gson.JsonObject;

/**
 * One scripted event: when it happens, in milliseconds from the start of its loop at speed 1, and
 * its canonical fields without {@code ts} (the source stamps the time of emission).
 */
public record DemoStep(long atMillis, JsonObject fields) {

    /** The event type. */
    public String type() {
        return fields.get("event").getAsString();
    }

    /** A member as a string, or {@code null}. */
    public String string(String field) {
        return fields.has(field) && fields.get(field).isJsonPrimitive() ? fields.get(field).getAsString() : null;
    }
}
