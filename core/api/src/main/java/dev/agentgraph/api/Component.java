package dev.agentgraph.api;

import org.pf4j.ExtensionPoint;

/**
 * What every extension factory has in common. The id names the component in configuration
 * ({@code plugin.<id>.*}), in logs and in {@code /api/stats}; by convention it equals the PF4J
 * plugin id of the jar that carries it. These methods must not throw: a factory whose
 * {@code id()} throws cannot be named, and its plugin's extensions are reported as failed.
 */
public interface Component extends ExtensionPoint {

    /** A short, stable, lower-case id such as {@code jsonl-tail}. Unique across all plugins. */
    String id();

    /** One line for {@code agentgraph plugins}. */
    default String description() {
        return "";
    }

    /**
     * Whether the component runs when configuration says nothing ({@code plugin.<id>.enabled}).
     * Sources that need an explicit request, such as stdin, demo or replay, answer false.
     */
    default boolean enabledByDefault() {
        return true;
    }
}
