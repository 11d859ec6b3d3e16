package dev.agentgraph.plugins.websocket;

import dev.agentgraph.api.Event;

/** The text frames of the {@code /stream} protocol (see {@code docs/protocol.md}). */
final class Frames {

    private static final String EVENTS_OPEN = "{\"type\":\"events\",\"data\":[";
    private static final String EVENTS_CLOSE = "]}";

    private Frames() {
    }

    /** {@code {"type":"event","seq":M,"data":<event>}}, built once per event for every client. */
    static String event(Event event) {
        return "{\"type\":\"event\",\"seq\":" + event.seq() + ",\"data\":" + event.toJson() + "}";
    }

    /**
     * One event's frame as it is, or {@code {"type":"events","data":[<event frame>,…]}} for
     * several: the page unpacks a batch into the same per-event handling.
     */
    static String events(String[] eventFrames) {
        if (eventFrames.length == 1) {
            return eventFrames[0];
        }
        int length = EVENTS_OPEN.length() + EVENTS_CLOSE.length() + eventFrames.length;
        for (String f : eventFrames) {
            length += f.length();
        }
        StringBuilder text = new StringBuilder(length).append(EVENTS_OPEN);
        for (int i = 0; i < eventFrames.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(eventFrames[i]);
        }
        return text.append(EVENTS_CLOSE).toString();
    }

    /** {@code {"type":"ping","seq":N}}: N is the last event sequence number the server sent. */
    static String ping(long lastSeq) {
        return "{\"type\":\"ping\",\"seq\":" + lastSeq + "}";
    }
}
