package dev.agentgraph.installer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Finds the first syntax error in a JSON text (RFC 8259, nothing lenient) and says what it is in
 * plain words with its line and column, such as {@code line 3, column 14: a comma or } was
 * expected, found "x"}. A parser's own messages name its classes and options, which mean nothing
 * to someone editing their settings by hand. One pass, no recursion, no regular expression.
 */
final class JsonSyntax {

    /** Where a value is being read: the top level, an object or an array. */
    private enum In { TOP, OBJECT, ARRAY }

    private final String text;
    private int pos;
    private final Deque<In> open = new ArrayDeque<>();

    private JsonSyntax(String text) {
        this.text = text;
    }

    /** The first error, or empty when the text is one valid JSON value. */
    static Optional<String> firstError(String text) {
        try {
            new JsonSyntax(text).check();
            return Optional.empty();
        } catch (Problem p) {
            return Optional.of(p.getMessage());
        }
    }

    private static final class Problem extends Exception {
        private static final long serialVersionUID = 1L;

        Problem(String message) {
            super(message, null, false, false);
        }
    }

    private void check() throws Problem {
        open.push(In.TOP);
        boolean needValue = true;
        while (true) {
            skipSpace();
            In in = open.peek();
            if (needValue) {
                if (in == In.OBJECT) {
                    name();
                }
                needValue = valueStart();
                continue;
            }
            if (in == In.TOP) {
                if (pos < text.length()) {
                    throw problem("the JSON ends before this; found more text: " + found());
                }
                return;
            }
            if (pos >= text.length()) {
                throw problem("the file ends early: a " + (in == In.OBJECT ? "}" : "]") + " is missing");
            }
            char c = text.charAt(pos);
            char close = in == In.OBJECT ? '}' : ']';
            if (c == close) {
                pos++;
                open.pop();
            } else if (c == ',') {
                pos++;
                needValue = true;
            } else {
                throw problem("a comma or " + close + " was expected, found " + found());
            }
        }
    }

    /** Reads {@code "name":} inside an object. */
    private void name() throws Problem {
        if (pos >= text.length()) {
            throw problem("the file ends early: a \"name\": value or a } is missing");
        }
        if (pos < text.length() && text.charAt(pos) == '}') {
            throw problem("a comma must be followed by another \"name\": value (a trailing comma is not JSON)");
        }
        if (pos < text.length() && text.charAt(pos) == '\'') {
            throw problem("names take double quotes, found " + found());
        }
        if (pos >= text.length() || text.charAt(pos) != '"') {
            throw problem("a \"name\" in double quotes was expected, found " + found());
        }
        string();
        skipSpace();
        if (pos >= text.length() || text.charAt(pos) != ':') {
            throw problem("a colon was expected after the name, found " + found());
        }
        pos++;
        skipSpace();
    }

    /**
     * Reads a scalar value whole, or the opening of an object or array (an empty one whole).
     * Returns whether the next thing to read is the first element of a container it opened.
     */
    private boolean valueStart() throws Problem {
        if (pos >= text.length()) {
            throw problem("the file ends early: a value was expected");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{', '[' -> {
                pos++;
                skipSpace();
                char close = c == '{' ? '}' : ']';
                if (pos < text.length() && text.charAt(pos) == close) {
                    pos++;
                    return false;
                }
                open.push(c == '{' ? In.OBJECT : In.ARRAY);
                return true;
            }
            case '"' -> string();
            case 't' -> word("true");
            case 'f' -> word("false");
            case 'n' -> word("null");
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    number();
                } else if (c == ']' || c == '}') {
                    throw problem("a value was expected, found " + found() + " (a trailing comma is not JSON)");
                } else if (c == '\'') {
                    throw problem("strings take double quotes, found " + found());
                } else {
                    throw problem("a value was expected, found " + found());
                }
            }
        }
        return false;
    }

    private void string() throws Problem {
        int start = pos;
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return;
            }
            if (c == '\\') {
                pos++;
                if (pos >= text.length()) {
                    break;
                }
                char e = text.charAt(pos);
                if (e == 'u') {
                    for (int i = 1; i <= 4; i++) {
                        if (pos + i >= text.length() || Character.digit(text.charAt(pos + i), 16) < 0) {
                            throw problem("\\u must be followed by four hex digits");
                        }
                    }
                    pos += 4;
                } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                    throw problem("\\" + e + " is not an escape JSON knows");
                }
            } else if (c < 0x20) {
                throw problem("a line break or control character inside a string (write it as \\n or \\t)");
            }
            pos++;
        }
        pos = start;
        throw problem("this string is never closed: a \" is missing");
    }

    private void word(String w) throws Problem {
        if (!text.startsWith(w, pos)) {
            throw problem("a value was expected, found " + found());
        }
        pos += w.length();
    }

    private void number() throws Problem {
        int start = pos;
        if (text.charAt(pos) == '-') {
            pos++;
        }
        int digits = digits();
        if (digits == 0 || (digits > 1 && text.charAt(pos - digits) == '0')) {
            pos = start;
            throw problem("not a valid number: " + found());
        }
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            if (digits() == 0) {
                pos = start;
                throw problem("not a valid number: " + found());
            }
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (digits() == 0) {
                pos = start;
                throw problem("not a valid number: " + found());
            }
        }
    }

    private int digits() {
        int n = 0;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
            n++;
        }
        return n;
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    /** The text at the error, in single quotes (JSON's own are double) and cut short; {@code the end of the file} past it. */
    private String found() {
        if (pos >= text.length()) {
            return "the end of the file";
        }
        int end = pos;
        while (end < text.length() && end - pos < 12 && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        String s = text.substring(pos, Math.max(end, pos + 1));
        return "'" + s.replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n") + "'";
    }

    private Problem problem(String what) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < pos && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Problem("line " + line + ", column " + column + ": " + what);
    }
}
