package dev.agentgraph.plugins.codex;

import dev.agentgraph.api.PluginConfig;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Reducer;
import dev.agentgraph.api.ReducerFactory;
import java.time.Duration;
import org.pf4j.Extension;

/**
 * The {@code codex} decoder (order 110): Codex CLI hook payloads in, canonical events out.
 * Keys: {@code max-sessions} (1024), {@code session-idle} (24h).
 */
@Extension
public final class CodexFactory implements ReducerFactory {

    @Override
    public String id() {
        return CodexIntegration.NAME;
    }

    @Override
    public String description() {
        return "Decodes Codex CLI hook payloads into sessions, sub-agents, tool calls, permission waits and failures.";
    }

    @Override
    public int order() {
        return 110;
    }

    @Override
    public Reducer create(PluginContext context) {
        PluginConfig config = context.config();
        int maxSessions = config.positive("max-sessions", 1024);
        Duration idle = config.positive("session-idle", Duration.ofHours(24));
        return new CodexDecoder(maxSessions, idle, context.clock(), context.log(), context::counter);
    }
}
