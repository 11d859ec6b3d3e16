package dev.agentgraph.plugins.alive;

import com.google.gson.JsonObject;
import dev.agentgraph.api.Canonical;
import java.time.Instant;

/**
 * What this server has seen live since it started: agents spawned and done (and how many of those
 * failed), tool calls; the reducer counts live events only. The snapshot part {@code totals}, so that every tab shows the same counts
 * whenever it was opened. History replayed at start is not counted: it happened before.
 */
final class Totals {
    private final Instant since;
    private long spawned;
    private long done;
    private long failed;
    private long toolCalls;

    Totals(Instant since) {
        this.since = since;
    }

    void spawned() {
        spawned++;
    }

    /** An agent left with {@code outcome}. */
    void left(String outcome) {
        done++;
        if (Canonical.OUTCOME_FAILURE.equals(outcome) || "failed".equals(outcome)) {
            failed++;
        }
    }

    void toolCall() {
        toolCalls++;
    }

    JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("spawned", spawned);
        o.addProperty("done", done);
        o.addProperty("failed", failed);
        o.addProperty("tool_calls", toolCalls);
        o.addProperty("since", since.toString());
        return o;
    }
}
