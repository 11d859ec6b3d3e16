package dev.agentgraph.plugins.otlp;

import dev.agentgraph.api.ConfigException;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Reducer;
import dev.agentgraph.api.ReducerFactory;
import org.pf4j.Extension;

/**
 * The {@code otlp-join} reducer, between the decoders (100–199) and alive-agents (200): a machine
 * that sends both hooks and OTLP is counted once. Key: {@code max-entries} (10,000 ids of each kind).
 */
@Extension
public final class OtlpJoinFactory implements ReducerFactory {

    static final String ID = "otlp-join";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Drops what OTLP repeats of the hooks: tool calls by tool_use_id, agents and sessions by id.";
    }

    @Override
    public int order() {
        return 190;
    }

    @Override
    public Reducer create(PluginContext context) {
        int max = context.config().integer("max-entries", 10_000);
        if (max < 1) {
            throw new ConfigException("plugin." + ID + ".max-entries", "must be positive");
        }
        return new OtlpJoin(max, context.counter("joined"));
    }
}
