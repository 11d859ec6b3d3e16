package dev.agentgraph.plugins.log;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import dev.agentgraph.api.Canonical;
import dev.agentgraph.api.Event;
import java.util.List;

/** Writes an event as one log line: a compact summary, or its JSON. Never more than one line. */
final class EventLine {

    /** The fields a compact line shows, in this order, when present. */
    private static final List<String> FIELDS = List.of(Canonical.SESSION_ID, Canonical.ID, Canonical.AGENT_ID,
            Canonical.PARENT_ID, Canonical.SUBAGENT_TYPE, Canonical.MODEL, Canonical.TOOL, Canonical.SKILL,
            Canonical.SUMMARY, Canonical.OUTCOME, Canonical.DURATION_MS, Canonical.COST_USD, Canonical.REASON,
            Canonical.MESSAGE, Canonical.ERROR, Canonical.PROMPT_PREVIEW);

    private static final int MAX_VALUE = 80;

    private EventLine() {
    }

    /** {@code #12 agent_spawn session_id=s1 id=a1 subagent_type=Explore prompt_preview="find the…"}. */
    static String compact(Event event) {
        StringBuilder b = new StringBuilder(128);
        b.append('#').append(event.seq()).append(' ').append(clean(event.type(), MAX_VALUE));
        for (String field : FIELDS) {
            JsonElement v = event.get(field);
            if (v != null && v.isJsonPrimitive()) {
                b.append(' ').append(field).append('=').append(value(v.getAsJsonPrimitive()));
            }
        }
        if (Canonical.TOOL_STATS.equals(event.type()) && event.get("tools") != null
                && event.get("tools").isJsonArray()) {
            b.append(" agents=").append(event.get("tools").getAsJsonArray().size());
        }
        return b.toString();
    }

    /** The event's JSON, which escapes line breaks, so it stays one line. */
    static String json(Event event) {
        return event.toJson();
    }

    private static String value(JsonPrimitive p) {
        if (!p.isString()) {
            return p.getAsString();
        }
        String s = clean(p.getAsString(), MAX_VALUE);
        return s.isEmpty() || s.indexOf(' ') >= 0 || s.indexOf('"') >= 0 || s.indexOf('=') >= 0
                ? '"' + s.replace("\"", "\\\"") + '"'
                : s;
    }

    /** Control characters (line breaks, escapes) would forge log lines or terminal output. */
    private static String clean(String s, int max) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), max + 1));
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (s.length() > max) {
            b.append('…');
        }
        return b.toString();
    }
}
