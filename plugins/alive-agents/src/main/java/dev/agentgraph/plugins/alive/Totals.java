package dev.agentgraph.plugins.alive;

import com.google.gson.JsonObject;
import dev.agentgraph.api.Canonical;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What this server has seen live since it started: agents spawned and done (and how many of those
 * failed), tool calls; the reducer counts live events only. The snapshot part {@code totals}, so that every tab shows the same counts
 * whenever it was opened. History replayed at start is not counted: it happened before.
 */
final class Totals {
    private static final List<String> FAILURE_WORDS = List.of(Canonical.OUTCOME_FAILURE, "fail", "error", "broken",
            "blocked", "crash", "cancel", "killed", "abort");
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
        if (isFailure(outcome)) {
            failed++;
        }
    }

    /**
     * Whether an outcome says the agent failed: {@code failure}, or a free-text outcome (a
     * STATUS-TRUTH marker) that begins with a failure word. The page colours outcomes by the same
     * words (frontend {@code colors.js}); {@code lost}, {@code stale} and {@code interrupted} are
     * endings, not failures.
     */
    static boolean isFailure(String outcome) {
        if (outcome == null) {
            return false;
        }
        String o = outcome.toLowerCase(Locale.ROOT);
        for (String word : FAILURE_WORDS) {
            if (o.startsWith(word)) {
                return true;
            }
        }
        return false;
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
