package dev.agentgraph.plugins.claudecode;

import dev.agentgraph.api.ConfigException;
import dev.agentgraph.api.PluginConfig;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Reducer;
import dev.agentgraph.api.ReducerFactory;
import java.time.Duration;
import org.pf4j.Extension;

/**
 * The {@code claude-code} decoder (order 100): Claude Code hook payloads in, canonical events out.
 * Keys: {@code pricing.<family>.<kind>}, {@code transcript-max-bytes}, {@code max-sessions},
 * {@code max-pending}, {@code session-idle}, {@code legacy-after}.
 */
@Extension
public final class ClaudeCodeFactory implements ReducerFactory {

    static final String ID = "claude-code";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Decodes Claude Code hook payloads into agent spawns, completions, tool calls, sessions and costs.";
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public Reducer create(PluginContext context) {
        PluginConfig config = context.config();
        String prefix = "plugin." + ID + ".";
        Pricing pricing = Pricing.from(config.withPrefix("pricing."), prefix + "pricing.");
        long maxBytes = config.bytes("transcript-max-bytes", 16L << 20);
        int maxSessions = config.integer("max-sessions", 1024);
        int maxPending = config.integer("max-pending", 256);
        Duration idle = config.duration("session-idle", Duration.ofHours(24));
        Duration legacyAfter = config.duration("legacy-after", Duration.ofSeconds(2));
        positive(maxBytes, prefix + "transcript-max-bytes");
        positive(maxSessions, prefix + "max-sessions");
        positive(maxPending, prefix + "max-pending");
        positive(idle.toMillis(), prefix + "session-idle");
        if (legacyAfter.isNegative()) {
            throw new ConfigException(prefix + "legacy-after", "must not be negative");
        }
        return new ClaudeCodeDecoder(new ClaudeCodeDecoder.Options(maxSessions, maxPending, idle, legacyAfter),
                pricing, new TranscriptReader(pricing, maxBytes), context.clock(), context.log(), context::counter);
    }

    private static void positive(long value, String key) {
        if (value < 1) {
            throw new ConfigException(key, "must be positive");
        }
    }
}
