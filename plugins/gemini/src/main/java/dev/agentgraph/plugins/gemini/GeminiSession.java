package dev.agentgraph.plugins.gemini;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What the decoder remembers of one Gemini session: its place, whether it waits or compacts,
 * and the tool calls still running, oldest first (Gemini gives a call no id: its
 * {@code AfterTool} is matched to the oldest open call of the same tool and input). Capped.
 */
final class GeminiSession {

    /** Open calls kept per session: a call whose AfterTool never comes is forgotten in time. */
    static final int CAP = 256;

    /** A tool call between its BeforeTool and AfterTool; {@code agentId} set when it is a sub-agent. */
    record Call(String id, String tool, JsonObject input, Instant started, String agentId) {
    }

    final String id;
    String cwd;
    String host;
    boolean waiting;
    boolean compacting;
    boolean ended;
    long calls;
    final Deque<Call> open = new ArrayDeque<>();

    GeminiSession(String id) {
        this.id = id;
    }

    /** The next call's id, unique in the session: {@code <session>:<n>}. */
    String nextCallId() {
        return id + ":" + (++calls);
    }

    void opened(Call c) {
        if (open.size() >= CAP) {
            open.removeFirst();
        }
        open.addLast(c);
    }

    /** The open call an AfterTool ends: same tool and input, else the oldest of the tool; null if none. */
    Call close(String tool, JsonObject input) {
        Call byTool = null;
        for (Call c : open) {
            if (c.tool().equals(tool)) {
                if (input != null && input.equals(c.input())) {
                    open.remove(c);
                    return c;
                }
                if (byTool == null) {
                    byTool = c;
                }
            }
        }
        if (byTool != null) {
            open.remove(byTool);
        }
        return byTool;
    }
}
