package dev.agentgraph.plugins.stdin;

import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Source;
import dev.agentgraph.api.SourceFactory;
import dev.agentgraph.plugins.lines.LineSplitter;
import java.io.InputStream;
import java.util.function.Supplier;
import org.pf4j.Extension;

/**
 * The {@code stdin} source: events from standard input ({@code agentgraph --stdin}). Off unless
 * asked for, since a server started in the background has no useful input.
 */
@Extension
public final class StdinSourceFactory implements SourceFactory {

    private final Supplier<InputStream> input;

    /** Reads {@link System#in}. */
    public StdinSourceFactory() {
        this(() -> System.in);
    }

    /** Reads the given stream instead, for tests and embedding. */
    public StdinSourceFactory(Supplier<InputStream> input) {
        this.input = input;
    }

    @Override
    public String id() {
        return "stdin";
    }

    @Override
    public String description() {
        return "Reads events from standard input, one JSON object a line (--stdin).";
    }

    @Override
    public boolean enabledByDefault() {
        return false;
    }

    @Override
    public Source create(PluginContext context) {
        long maxLine = context.config().bytes("max-line", LineSplitter.DEFAULT_MAX_LINE);
        if (maxLine < 64 || maxLine > Integer.MAX_VALUE - 8) {
            throw context.config().invalid("max-line", "must be between 64 bytes and 2 GiB");
        }
        return new StdinSource(input.get(), (int) maxLine, context.log(), context::counter);
    }
}
