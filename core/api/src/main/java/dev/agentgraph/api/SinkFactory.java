package dev.agentgraph.api;

/** Makes the {@link Sink} of a plugin. */
public interface SinkFactory extends Component {

    /**
     * Makes the sink. Read all configuration here. A {@link ConfigException} (see
     * {@link PluginConfig}) stops the startup with a line naming the key; any other exception
     * marks the component failed and leaves it out, with its reason in the log and
     * {@code /api/stats}; the other components run. A sink that its configuration leaves nothing
     * to do returns {@link Sink#idle(String)} rather than one that ignores every event.
     */
    Sink create(PluginContext context) throws Exception;
}
