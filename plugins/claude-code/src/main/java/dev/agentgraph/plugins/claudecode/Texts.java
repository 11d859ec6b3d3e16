package dev.agentgraph.plugins.claudecode;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.agentgraph.api.Canonical;
import java.util.Map;

/** Bounded strings for clients: previews, summaries, outcomes. */
final class Texts {

    static final int PROMPT_PREVIEW = 200;
    static final int SUMMARY = 120;
    static final int MESSAGE = 200;
    /** Agent types, model ids, team and teammate names. */
    static final int NAME = 80;
    /** Paths: a working directory, a transcript. */
    static final int PATH = 1024;
    private static final String MARKER = "=== STATUS-TRUTH MARKER ===";
    private static final String SHIPPED = "shipped:";

    /** Which input member best says what a tool call does. */
    private static final Map<String, String> SUMMARY_FIELD = Map.ofEntries(
            Map.entry("Bash", "command"), Map.entry("Read", "file_path"), Map.entry("Write", "file_path"),
            Map.entry("Edit", "file_path"), Map.entry("MultiEdit", "file_path"),
            Map.entry("NotebookEdit", "notebook_path"), Map.entry("Grep", "pattern"), Map.entry("Glob", "pattern"),
            Map.entry("WebFetch", "url"), Map.entry("WebSearch", "query"), Map.entry("Agent", "description"),
            Map.entry("Task", "description"), Map.entry("Skill", "skill"));

    private Texts() {
    }

    /** At most {@code max} characters, with an ellipsis when cut; never splits a surrogate pair. */
    static String bound(String s, int max) {
        return Canonical.bound(s, max);
    }

    /** A one-line summary of a tool call: its command, path, pattern… */
    static String summary(String tool, JsonObject input) {
        if (input == null) {
            return null;
        }
        String field = tool == null ? null : SUMMARY_FIELD.get(tool);
        String text = field == null ? null : string(input, field);
        if (text == null) {
            for (Map.Entry<String, JsonElement> e : input.entrySet()) {
                text = string(input, e.getKey());
                if (text != null) {
                    break;
                }
            }
        }
        return text == null ? null : bound(oneLine(bound(text, SUMMARY * 4)), SUMMARY);
    }

    /**
     * The {@code shipped:} value of a STATUS-TRUTH marker block in an agent's last message, or
     * {@code null} when there is none.
     */
    static String shipped(String message) {
        if (message == null) {
            return null;
        }
        int marker = message.lastIndexOf(MARKER);
        if (marker < 0) {
            return null;
        }
        int from = marker + MARKER.length();
        // The shipped: line follows the marker closely; a long message is not split whole.
        for (String line : message.substring(from, Math.min(message.length(), from + 4096)).split("\n")) {
            String t = line.strip();
            if (t.regionMatches(true, 0, SHIPPED, 0, SHIPPED.length())) {
                String value = t.substring(SHIPPED.length()).strip();
                return value.isEmpty() ? null : bound(value, 40);
            }
        }
        return null;
    }

    /** The text blocks of a {@code content} array, joined. */
    static String contentText(JsonObject response) {
        if (response == null) {
            return null;
        }
        JsonElement content = response.get("content");
        if (content == null) {
            return null;
        }
        if (content.isJsonPrimitive()) {
            return content.getAsString();
        }
        if (!content.isJsonArray()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (JsonElement block : content.getAsJsonArray()) {
            if (block.isJsonObject()) {
                String text = string(block.getAsJsonObject(), "text");
                if (text != null) {
                    b.append(text).append('\n');
                }
            }
        }
        return b.length() == 0 ? null : b.toString();
    }

    static String string(JsonObject o, String field) {
        if (o == null) {
            return null;
        }
        JsonElement e = o.get(field);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : null;
    }

    /** The project name of a working directory, bounded. */
    static String project(String cwd) {
        return bound(Canonical.projectOf(cwd), NAME);
    }

    /** Every run of white space as one space, trimmed; linear, no regular expression. */
    static String oneLine(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                space = b.length() > 0;
            } else {
                if (space) {
                    b.append(' ');
                    space = false;
                }
                b.append(c);
            }
        }
        return b.toString();
    }
}
