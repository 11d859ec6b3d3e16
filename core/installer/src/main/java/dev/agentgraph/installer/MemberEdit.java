package dev.agentgraph.installer;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.util.List;

/**
 * Writes one top-level member of a settings file into its text in place: replaced, added at the
 * end or removed with its comma, every other byte left as the user wrote it (arrays kept on one
 * line, spacing, a member order Gson would keep too). The caller checks the result parses to
 * what it meant and falls back to writing the whole file otherwise.
 */
final class MemberEdit {

    private MemberEdit() {
    }

    /** {@code text} with member {@code name} set to {@code value}, or removed when it is null. */
    static String set(String text, String name, JsonElement value, JsonStyle style) {
        TopLevelMembers top = TopLevelMembers.of(text);
        List<TopLevelMembers.Member> members = top.members;
        TopLevelMembers.Member member = top.find(name);
        if (value == null) {
            if (member == null) {
                return text;
            }
            int i = members.indexOf(member);
            if (i > 0) {
                return text.substring(0, members.get(i - 1).valueEnd()) + text.substring(member.valueEnd());
            }
            if (members.size() > 1) {
                return text.substring(0, member.nameStart()) + text.substring(members.get(1).nameStart());
            }
            return text.substring(0, top.open + 1) + text.substring(top.close);
        }
        String rendered = style.renderNested(value);
        if (member != null) {
            return text.substring(0, member.valueStart()) + rendered + text.substring(member.valueEnd());
        }
        String entry = new JsonPrimitive(name) + (style.spaceAfterColon() ? ": " : ":") + rendered;
        boolean oneLine = style.newline().isEmpty();
        if (!members.isEmpty()) {
            int end = members.get(members.size() - 1).valueEnd();
            String separator = oneLine ? (style.spaceAfterColon() ? ", " : ",") : "," + style.newline() + style.indent();
            return text.substring(0, end) + separator + entry + text.substring(end);
        }
        String inside = oneLine ? entry : style.newline() + style.indent() + entry + style.newline();
        return text.substring(0, top.open + 1) + inside + text.substring(top.close);
    }
}
