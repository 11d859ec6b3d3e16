package dev.agentgraph.installer;

import com.google.gson.FormattingStyle;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * How a settings file is laid out: its indent (two spaces, four, a tab), its line ends, whether it
 * ends with a line break, or all on one line. What AgentGraph writes into a file (its
 * {@code hooks} section, see {@link MemberEdit}; a new file) is laid out that way; key order is
 * kept by the JSON tree itself.
 */
record JsonStyle(String indent, String newline, boolean finalNewline, boolean spaceAfterColon) {

    /** A new file: two spaces an indent, {@code \n}, a final line break. */
    static final JsonStyle DEFAULT = new JsonStyle("  ", "\n", true, true);

    /** The style of {@code text}, a valid JSON object. */
    static JsonStyle of(String text) {
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        boolean finalNewline = text.endsWith("\n");
        String body = text.strip();
        if (body.indexOf('\n') < 0) {
            // One line: keep it one line (with or without a space after each colon).
            return new JsonStyle("", "", finalNewline, body.contains("\": "));
        }
        return new JsonStyle(firstIndent(body), newline, finalNewline, true);
    }

    /** The leading white space of the first indented line: one level of the file's indent. */
    private static String firstIndent(String body) {
        int i = body.indexOf('\n');
        while (i >= 0 && i < body.length() - 1) {
            int start = i + 1;
            int end = start;
            while (end < body.length() && (body.charAt(end) == ' ' || body.charAt(end) == '\t')) {
                end++;
            }
            if (end > start && end < body.length() && body.charAt(end) != '\n' && body.charAt(end) != '\r') {
                return body.substring(start, end);
            }
            i = body.indexOf('\n', start);
        }
        return DEFAULT.indent;
    }

    /** A whole file. */
    String render(JsonObject settings) {
        return gson().toJson(settings) + (finalNewline ? (newline.isEmpty() ? "\n" : newline) : "");
    }

    /** The value of a top-level member, indented as one level down. */
    String renderNested(JsonElement value) {
        String text = gson().toJson(value);
        return newline.isEmpty() ? text : text.replace(newline, newline + indent);
    }

    private Gson gson() {
        FormattingStyle style = indent.isEmpty() && newline.isEmpty()
                ? FormattingStyle.COMPACT.withSpaceAfterSeparators(spaceAfterColon)
                : FormattingStyle.PRETTY.withIndent(indent).withNewline(newline);
        return new GsonBuilder().setFormattingStyle(style).disableHtmlEscaping().create();
    }
}
