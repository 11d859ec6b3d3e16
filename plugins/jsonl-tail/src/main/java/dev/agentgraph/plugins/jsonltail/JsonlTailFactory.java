package dev.agentgraph.plugins.jsonltail;

import dev.agentgraph.api.PluginConfig;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Source;
import dev.agentgraph.api.SourceFactory;
import dev.agentgraph.plugins.lines.LineSplitter;
import java.nio.file.Path;
import java.time.Duration;
import org.pf4j.Extension;

/**
 * The {@code jsonl-tail} source: follows the event file ({@code plugin.jsonl-tail.file}, by default
 * {@code events.file}) and turns each line into an event.
 */
@Extension
public final class JsonlTailFactory implements SourceFactory {

    @Override
    public String id() {
        return "jsonl-tail";
    }

    @Override
    public String description() {
        return "Follows the JSONL event file (inotify plus a short poll); survives rotation, truncation and bad lines.";
    }

    @Override
    public Source create(PluginContext context) {
        PluginConfig config = context.config();
        Path file = config.path("file", context.eventsFile());
        long history = config.bytes("history-bytes", 4L << 20);
        long maxLine = config.bytes("max-line", LineSplitter.DEFAULT_MAX_LINE);
        Duration poll = config.duration("poll-interval", Duration.ofMillis(100));
        boolean create = config.bool("create", true);
        if (history < 0) {
            throw context.config().invalid("history-bytes", "must not be negative");
        }
        if (maxLine < 64 || maxLine > Integer.MAX_VALUE - 8) {
            throw context.config().invalid("max-line", "must be between 64 bytes and 2 GiB");
        }
        if (poll.isNegative() || poll.isZero()) {
            throw context.config().invalid("poll-interval", "must be positive");
        }
        if (file.getFileName() != null && file.getFileName().toString().equals("-")) {
            // "--events -" means standard input, which the stdin source reads; nothing to follow.
            context.log().info("the events path is '-': not following a file (the stdin source reads standard input)");
            return new Source() {
                @Override
                public void start(dev.agentgraph.api.Emitter emitter) {
                }

                @Override
                public void close() {
                }
            };
        }
        return new JsonlTailSource(new TailSettings(file.toAbsolutePath(), history, (int) maxLine, poll, create),
                context.log(), context::counter);
    }
}
