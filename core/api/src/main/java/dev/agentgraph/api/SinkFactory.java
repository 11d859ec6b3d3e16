package dev.agentgraph.api;

/** Makes the {@link Sink} of a plugin. */
public interface SinkFactory extends Component {

    /** Makes the sink. Read all configuration here. */
    Sink create(PluginContext context) throws Exception;
}
