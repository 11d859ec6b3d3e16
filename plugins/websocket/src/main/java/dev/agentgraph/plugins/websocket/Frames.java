package dev.agentgraph.plugins.websocket;

import dev.agentgraph.api.Event;

/** The text frames of the {@code /stream} protocol (see {@code docs/protocol.md}). */
final class Frames {

    private Frames() {
    }

    /** {@code {"type":"event","seq":M,"data":<event>}}, built once per event for every client. */
    static String event(Event event) {
        return "{\"type\":\"event\",\"seq\":" + event.seq() + ",\"data\":" + event.toJson() + "}";
    }

    /** {@code {"type":"ping","seq":N}}: N is the last event sequence number the server sent. */
    static String ping(long lastSeq) {
        return "{\"type\":\"ping\",\"seq\":" + lastSeq + "}";
    }
}
