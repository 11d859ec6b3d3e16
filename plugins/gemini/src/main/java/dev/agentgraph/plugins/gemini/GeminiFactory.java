package dev.agentgraph.plugins.gemini;

import dev.agentgraph.api.PluginConfig;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Reducer;
import dev.agentgraph.api.ReducerFactory;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.pf4j.Extension;

/**
 * The {@code gemini} decoder (order 120): Gemini CLI hook payloads in, canonical events out.
 * Keys: {@code subagent-tools} (the tools that are sub-agents, comma-separated: the built-in
 * ones by default; add your own agents' names), {@code max-sessions} (1024),
 * {@code session-idle} (24h).
 */
@Extension
public final class GeminiFactory implements ReducerFactory {

    /** Gemini CLI's built-in sub-agents, each a tool of its name. */
    static final String BUILT_IN_SUBAGENTS = "codebase_investigator,cli_help,generalist,browser_agent";

    @Override
    public String id() {
        return GeminiIntegration.NAME;
    }

    @Override
    public String description() {
        return "Decodes Gemini CLI hook payloads into sessions, tool calls, sub-agent calls and permission waits.";
    }

    @Override
    public int order() {
        return 120;
    }

    @Override
    public Reducer create(PluginContext context) {
        PluginConfig config = context.config();
        Set<String> tools = new LinkedHashSet<>();
        for (String t : config.string("subagent-tools", BUILT_IN_SUBAGENTS).split(",")) {
            if (!t.isBlank()) {
                tools.add(t.trim());
            }
        }
        int maxSessions = config.positive("max-sessions", 1024);
        Duration idle = config.positive("session-idle", Duration.ofHours(24));
        return new GeminiDecoder(tools, maxSessions, idle, context.clock(), context.log(), context::counter);
    }
}
