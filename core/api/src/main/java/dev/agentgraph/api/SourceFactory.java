package dev.agentgraph.api;

/** Makes the {@link Source} of a plugin. Found by PF4J; a new factory may be made on every lookup. */
public interface SourceFactory extends Component {

    /**
     * Makes the source. Read all configuration here: a key under {@code plugin.<id>.} that no
     * factory read is reported as unknown at startup. A {@link ConfigException} (see
     * {@link PluginConfig}) stops the startup with a line naming the key; any other exception
     * marks the component failed and leaves it out, with its reason in the log and
     * {@code /api/stats}; the other components run.
     */
    Source create(PluginContext context) throws Exception;
}
