package dev.agentgraph.api;

/** Makes the {@link Reducer} of a plugin. Reducers run in ascending {@link #order()}. */
public interface ReducerFactory extends Component {

    /**
     * Position in the chain, lowest first. Decoders that turn foreign payloads into canonical
     * events use 100–199, state keepers such as alive-agents 200–299, aggregators 300–399.
     */
    int order();

    /**
     * Makes the reducer. Read all configuration here. A {@link ConfigException} (see
     * {@link PluginConfig}) stops the startup with a line naming the key; any other exception
     * marks the component failed and leaves it out, with its reason in the log and
     * {@code /api/stats}; the other components run.
     */
    Reducer create(PluginContext context) throws Exception;
}
