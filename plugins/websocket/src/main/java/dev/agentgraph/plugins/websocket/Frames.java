package dev.agentgraph.plugins.websocket;

import dev.agentgraph.api.Event;

/** The text frames of the {@code /stream} protocol (see {@code docs/protocol.md}). */
final class Frames {

    private Frames() {
    }

    /** {@code {"type":"event","seq":M,"data":<event>}}, built once per event for every client. */
    static String event(Event event) {
        String data = event.toJson();
        return new StringBuilder(data.length() + 48)
                .append("{\"type\":\"event\",\"seq\":").append(event.seq())
                .append(",\"data\":").append(data).append('}')
                .toString();
    }

    /** {@code {"type":"ping","seq":N}}: N is the last event sequence number the server sent. */
    static String ping(long lastSeq) {
        return "{\"type\":\"ping\",\"seq\":" + lastSeq + "}";
    }
}
