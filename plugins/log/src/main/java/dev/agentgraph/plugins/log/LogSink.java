package dev.agentgraph.plugins.log;

import dev.agentgraph.api.Event;
import dev.agentgraph.api.Sink;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/** Logs each event as one line at the configured level. */
final class LogSink implements Sink {

    private final Logger log;
    private final Level level;
    private final Function<Event, String> format;

    LogSink(Logger log, Level level, Function<Event, String> format) {
        this.log = log;
        this.level = level;
        this.format = format;
    }

    @Override
    public void accept(Event event) {
        if (log.isEnabledForLevel(level)) {
            log.atLevel(level).log(format.apply(event));
        }
    }
}
