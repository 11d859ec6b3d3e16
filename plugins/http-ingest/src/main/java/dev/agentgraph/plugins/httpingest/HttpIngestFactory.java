package dev.agentgraph.plugins.httpingest;

import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Source;
import dev.agentgraph.api.SourceFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * The {@code http-ingest} source: {@code POST /ingest/<runtime>}. Keys: {@code runtimes} (the
 * runtimes given a path, comma-separated: {@code claude-code,codex,gemini}; a third party's
 * integration adds its name), {@code max-body} (2 MiB), {@code append-to-events} (true: each
 * payload is also appended to the event file).
 */
@Extension
public final class HttpIngestFactory implements SourceFactory {

    static final String ID = "http-ingest";
    static final String DEFAULT_RUNTIMES = "claude-code,codex,gemini";
    /** A runtime name, as RuntimeIntegration defines it; bounded, no backtracking. */
    private static final Pattern RUNTIME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Accepts agent runtimes' http hooks on POST /ingest/<runtime> (loopback, size-capped).";
    }

    @Override
    public Source create(PluginContext context) {
        long maxBody = context.config().positiveBytes("max-body", 2L << 20);
        List<String> runtimes = new ArrayList<>();
        for (String name : context.config().string("runtimes", DEFAULT_RUNTIMES).split(",")) {
            String runtime = name.trim();
            if (!RUNTIME.matcher(runtime).matches()) {
                throw context.config().invalid("runtimes",
                        "'" + runtime + "' is not a runtime name (lower-case letters, digits and -)");
            }
            if (!runtimes.contains(runtime)) {
                runtimes.add(runtime);
            }
        }
        boolean durable = context.config().bool("append-to-events", true);
        EventFileAppender appender = durable
                ? new EventFileAppender(context.eventsFile(), context.log(), context.counter("append_failures")) : null;
        return new HttpIngestSource(context, runtimes, maxBody, appender);
    }
}
