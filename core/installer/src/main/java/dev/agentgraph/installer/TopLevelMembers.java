package dev.agentgraph.installer;

import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each member of a JSON object's top level is in its text: the start of its name, the
 * start and end of its value, and where the object's braces are. Lets a change to one member
 * (the {@code hooks} section) be written into the file in place, leaving every other byte as
 * it was. Only for text {@link JsonSyntax} found valid; one pass, no recursion.
 */
final class TopLevelMembers {

    /** One {@code "name": value}: offsets into the text, {@code valueEnd} exclusive. */
    record Member(String name, int nameStart, int valueStart, int valueEnd) {
    }

    private final String text;
    private int pos;

    final List<Member> members = new ArrayList<>();
    /** The offset of the top-level {@code {} and of its {@code }}. */
    int open;
    int close;

    private TopLevelMembers(String text) {
        this.text = text;
    }

    /** The members of {@code text}, a valid JSON text whose top level is an object. */
    static TopLevelMembers of(String text) {
        TopLevelMembers m = new TopLevelMembers(text);
        m.scan();
        return m;
    }

    Member find(String name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
    }

    private void scan() {
        skipSpace();
        open = pos++;
        skipSpace();
        while (text.charAt(pos) != '}') {
            int nameStart = pos;
            skipString();
            String name = JsonParser.parseString(text.substring(nameStart, pos)).getAsString();
            skipSpace();
            pos++; // the colon
            skipSpace();
            int valueStart = pos;
            skipValue();
            members.add(new Member(name, nameStart, valueStart, pos));
            skipSpace();
            if (text.charAt(pos) == ',') {
                pos++;
                skipSpace();
            }
        }
        close = pos;
    }

    /** Past one value: a string, a container (by bracket depth, outside strings) or a scalar. */
    private void skipValue() {
        char c = text.charAt(pos);
        if (c == '"') {
            skipString();
        } else if (c == '{' || c == '[') {
            int depth = 0;
            do {
                char d = text.charAt(pos);
                if (d == '"') {
                    skipString();
                    continue;
                }
                if (d == '{' || d == '[') {
                    depth++;
                } else if (d == '}' || d == ']') {
                    depth--;
                }
                pos++;
            } while (depth > 0);
        } else {
            while (pos < text.length() && ",}] \t\r\n".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
        }
    }

    private void skipString() {
        pos++;
        while (text.charAt(pos) != '"') {
            pos += text.charAt(pos) == '\\' ? 2 : 1;
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }
}
