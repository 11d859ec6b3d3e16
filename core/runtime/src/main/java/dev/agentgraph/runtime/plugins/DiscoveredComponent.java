package dev.agentgraph.runtime.plugins;

import dev.agentgraph.api.Component;

/** A component factory found in a plugin. */
public record DiscoveredComponent(Component factory, String pluginId) {
}
