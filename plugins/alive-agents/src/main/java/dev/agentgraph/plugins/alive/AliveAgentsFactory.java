package dev.agentgraph.plugins.alive;

import dev.agentgraph.api.ConfigException;
import dev.agentgraph.api.PluginConfig;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Reducer;
import dev.agentgraph.api.ReducerFactory;
import java.time.Duration;
import org.pf4j.Extension;

/** The {@code alive-agents} reducer (order 200): snapshot parts {@code alive} and {@code sessions}. */
@Extension
public final class AliveAgentsFactory implements ReducerFactory {

    @Override
    public String id() {
        return "alive-agents";
    }

    @Override
    public String description() {
        return "Keeps the agents and sessions alive now; retires stale agents and those of ended sessions.";
    }

    @Override
    public int order() {
        return 200;
    }

    @Override
    public Reducer create(PluginContext context) {
        PluginConfig config = context.config();
        Duration staleAfter = config.duration("stale-after", Duration.ofMinutes(30));
        int maxAgents = config.integer("max-agents", 10_000);
        int maxSessions = config.integer("max-sessions", 1_000);
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw new ConfigException("plugin.alive-agents.stale-after", "must be positive");
        }
        if (maxAgents < 1) {
            throw new ConfigException("plugin.alive-agents.max-agents", "must be at least 1");
        }
        if (maxSessions < 1) {
            throw new ConfigException("plugin.alive-agents.max-sessions", "must be at least 1");
        }
        return new AliveAgentsReducer(staleAfter, maxAgents, maxSessions, context.clock());
    }
}
