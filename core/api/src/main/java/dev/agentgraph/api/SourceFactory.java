package dev.agentgraph.api;

/** Makes the {@link Source} of a plugin. Found by PF4J; a new factory may be made on every lookup. */
public interface SourceFactory extends Component {

    /**
     * Makes the source. Read all configuration here: a key under {@code plugin.<id>.} that no
     * factory read is reported as unknown at startup.
     */
    Source create(PluginContext context) throws Exception;
}
