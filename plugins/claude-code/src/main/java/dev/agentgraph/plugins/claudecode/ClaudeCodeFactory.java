package dev.agentgraph.plugins.claudecode;

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
        Pricing pricing = Pricing.from(config.withPrefix("pricing."), (key, problem) -> config.invalid("pricing." + key, problem));
        long maxBytes = config.positiveBytes("transcript-max-bytes", 16L << 20);
        int maxSessions = config.positive("max-sessions", 1024);
        int maxPending = config.positive("max-pending", 256);
        Duration idle = config.positive("session-idle", Duration.ofHours(24));
        Duration legacyAfter = config.duration("legacy-after", Duration.ofSeconds(2));
        return new ClaudeCodeDecoder(new ClaudeCodeDecoder.Options(maxSessions, maxPending, idle, legacyAfter),
                pricing, new TranscriptReader(pricing, maxBytes), context.clock(), context.log(), context::counter);
    }
}
