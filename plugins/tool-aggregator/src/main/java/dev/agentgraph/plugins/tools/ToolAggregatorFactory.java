package dev.agentgraph.plugins.tools;

import dev.agentgraph.api.PluginConfig;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Reducer;
import dev.agentgraph.api.ReducerFactory;
import java.time.Duration;
import org.pf4j.Extension;

/** The {@code tool-aggregator} reducer (order 300): snapshot part {@code tools}, {@code tool_stats} events. */
@Extension
public final class ToolAggregatorFactory implements ReducerFactory {

    @Override
    public String id() {
        return "tool-aggregator";
    }

    @Override
    public String description() {
        return "Counts tool and skill calls per agent: totals, recent rate, rate-limited tool_stats events.";
    }

    @Override
    public int order() {
        return 300;
    }

    @Override
    public Reducer create(PluginContext context) {
        PluginConfig config = context.config();
        Duration interval = config.duration("interval", Duration.ofSeconds(1));
        int maxAgents = config.integer("max-agents", 5_000);
        int maxNames = config.integer("max-names", 64);
        if (interval.isNegative() || interval.isZero()) {
            throw context.config().invalid("interval", "must be positive");
        }
        if (maxAgents < 1) {
            throw context.config().invalid("max-agents", "must be at least 1");
        }
        if (maxNames < 1) {
            throw context.config().invalid("max-names", "must be at least 1");
        }
        return new ToolAggregatorReducer(interval, maxAgents, maxNames, context.clock());
    }
}
