package dev.agentgraph.plugins.log;

import dev.agentgraph.api.Event;
import dev.agentgraph.api.PluginConfig;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Sink;
import dev.agentgraph.api.SinkFactory;
import java.util.Locale;
import java.util.function.Function;
import org.pf4j.Extension;
import org.slf4j.event.Level;

/**
 * The {@code log} sink: one line per event through SLF4J. {@code plugin.log.format} is
 * {@code compact} (a summary) or {@code json}; {@code plugin.log.level} is an SLF4J level, {@code debug}
 * by default so that a server does not fill its log unless asked ({@code --set plugin.log.level=info}).
 * At a level the log does not show, the sink is {@linkplain Sink#idle idle}: it costs the stream nothing.
 */
@Extension
public final class LogSinkFactory implements SinkFactory {

    @Override
    public String id() {
        return "log";
    }

    @Override
    public String description() {
        return "Logs one line per event (compact summary or JSON) through SLF4J.";
    }

    @Override
    public Sink create(PluginContext context) {
        PluginConfig config = context.config();
        String levelName = config.string("level", "debug");
        String formatName = config.string("format", "compact");
        Level level;
        try {
            level = Level.valueOf(levelName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw context.config().invalid("level", "'" + levelName + "' is not one of trace, debug, info, warn, error");
        }
        Function<Event, String> format = switch (formatName.toLowerCase(Locale.ROOT)) {
            case "compact" -> EventLine::compact;
            case "json" -> EventLine::json;
            default -> throw context.config().invalid("format", "'" + formatName + "' is not compact or json");
        };
        if (!context.log().isEnabledForLevel(level)) {
            // The log's levels are fixed at startup: these lines would never be shown.
            return Sink.idle("level " + levelName + " is not shown by the log; --set plugin.log.level=info shows the lines");
        }
        return new LogSink(context.log(), level, format);
    }
}
