package dev.agentgraph.plugins.replay;

import dev.agentgraph.api.PluginConfig;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Source;
import dev.agentgraph.api.SourceFactory;
import dev.agentgraph.plugins.lines.LineSplitter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.pf4j.Extension;

/**
 * The replay source ({@code agentgraph --replay FILE --speed X}). Keys: {@code file} (required),
 * {@code speed} (1 = original timing, 1000 = as fast as the pipeline takes it), {@code gap} (the
 * wait before a line that carries no time), {@code max-gap} (longer silences in the recording are
 * shortened to this), {@code max-line} (longer lines are skipped), {@code time-fields} (members
 * holding a line's time, first found wins). While it plays, {@code /api/replay} pauses, plays,
 * changes the speed and jumps to any moment ({@link ReplayControl}).
 */
@Extension
public final class ReplaySourceFactory implements SourceFactory {

    public static final String ID = "replay";

    /** Canonical {@code ts}, then the receive time the hook script adds to a raw payload. */
    static final String DEFAULT_TIME_FIELDS = "ts,agentgraph_received";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Plays a recorded event file with its original timing (--replay FILE --speed X)";
    }

    @Override
    public boolean enabledByDefault() {
        return false;
    }

    @Override
    public Source create(PluginContext context) {
        PluginConfig config = context.config();
        Path file = config.path("file", null);
        if (file == null) {
            throw context.config().invalid("file", "is required: the event file to replay (--replay FILE)");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw context.config().invalid("file", "cannot read " + file);
        }
        double speed = config.number("speed", 1.0);
        if (!PlayClock.isSpeed(speed)) {
            throw context.config().invalid("speed", "must be a positive number, was " + speed);
        }
        Duration gap = config.duration("gap", Duration.ofMillis(100));
        Duration maxGap = config.duration("max-gap", Duration.ofSeconds(30));
        long maxLine = config.bytes("max-line", LineSplitter.DEFAULT_MAX_LINE);
        if (maxLine < 64 || maxLine > Integer.MAX_VALUE - 8) {
            throw context.config().invalid("max-line", "must be between 64 bytes and 2 GiB");
        }
        List<String> timeFields = Arrays.stream(config.string("time-fields", DEFAULT_TIME_FIELDS).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        PlayClock clock = new PlayClock(speed, true);
        ReplaySource source = new ReplaySource(file, gap, maxGap, new EventTime(timeFields), (int) maxLine, clock, context);
        new ReplayControl(source, clock).mount(context.routes());
        return source;
    }
}
