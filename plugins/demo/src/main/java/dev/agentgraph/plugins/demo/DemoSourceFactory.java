package dev.agentgraph.plugins.demo;

import dev.agentgraph.api.PluginConfig;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Source;
import dev.agentgraph.api.SourceFactory;
import org.pf4j.Extension;

/**
 * The demo source ({@code agentgraph --demo}). Keys: {@code speed} (1 = human pace, 10 = ten times
 * faster), {@code seed} (the same seed plays the same swarm), {@code loops} (0 = forever).
 */
@Extension
public final class DemoSourceFactory implements SourceFactory {

    public static final String ID = "demo";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Plays a synthetic swarm of agents in a loop (--demo)";
    }

    @Override
    public boolean enabledByDefault() {
        return false;
    }

    @Override
    public Source create(PluginContext context) {
        PluginConfig config = context.config();
        double speed = config.number("speed", 1.0);
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw context.config().invalid("speed", "must be a positive number, was " + speed);
        }
        long seed = config.longValue("seed", 1L);
        int loops = config.integer("loops", 0);
        if (loops < 0) {
            throw context.config().invalid("loops", "must be 0 (forever) or more, was " + loops);
        }
        return new DemoSource(new DemoScript(seed), speed, loops, context);
    }
}
