package dev.agentgraph.plugins.otlp;

import dev.agentgraph.api.Canonical;
import java.time.Instant;

/**
 * A tool call learnt after it ended (OTLP reports it then) becomes the pair a hook would have
 * given: {@code tool_use} at its start and {@code tool_done} or {@code tool_failed} at its end.
 */
final class ToolCalls {

    private ToolCalls() {
    }

    static void emit(Out out, String session, String agent, String tool, String toolUseId, double durationMs,
            Instant end, String error, boolean ok) {
        long duration = Double.isNaN(durationMs) || durationMs < 0 ? -1 : (long) durationMs;
        Instant start = duration < 0 ? end : end.minusMillis(duration);
        String name = tool == null ? "unknown" : tool;
        out.add(Out.event(Canonical.TOOL_USE, session, start).put(Canonical.AGENT_ID, agent)
                .put(Canonical.TOOL, name).put(Canonical.TOOL_USE_ID, toolUseId));
        out.add(Out.event(ok ? Canonical.TOOL_DONE : Canonical.TOOL_FAILED, session, end)
                .put(Canonical.AGENT_ID, agent).put(Canonical.TOOL, name).put(Canonical.TOOL_USE_ID, toolUseId)
                .put(Canonical.DURATION_MS, duration < 0 ? null : duration)
                .put(Canonical.ERROR, ok ? null : error == null ? "failed" : error));
    }
}
