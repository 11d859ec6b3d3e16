package dev.agentgraph.plugins.otlp;

import dev.agentgraph.api.ConfigException;
import dev.agentgraph.api.PluginConfig;
import java.time.Duration;

/**
 * The receiver's configuration ({@code plugin.otlp.*}): {@code max-body} (4 MiB, as sent),
 * {@code max-inflated} (16 MiB, after gzip), {@code max-entries} (10,000 sessions, agents, tool
 * calls… each) and {@code forget-after} (1 h untouched).
 */
record OtlpSettings(long maxBody, long maxInflated, int maxEntries, Duration forgetAfter) {

    static OtlpSettings read(PluginConfig config) {
        OtlpSettings s = new OtlpSettings(config.bytes("max-body", 4L << 20), config.bytes("max-inflated", 16L << 20),
                config.integer("max-entries", 10_000), config.duration("forget-after", Duration.ofHours(1)));
        positive("max-body", s.maxBody);
        positive("max-inflated", s.maxInflated);
        positive("max-entries", s.maxEntries);
        positive("forget-after", s.forgetAfter.toMillis());
        return s;
    }

    private static void positive(String key, long value) {
        if (value < 1) {
            throw new ConfigException("plugin." + OtlpFactory.ID + "." + key, "must be positive");
        }
    }
}
