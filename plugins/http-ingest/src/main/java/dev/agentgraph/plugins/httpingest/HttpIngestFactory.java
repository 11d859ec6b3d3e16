package dev.agentgraph.plugins.httpingest;

import dev.agentgraph.api.ConfigException;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Source;
import dev.agentgraph.api.SourceFactory;
import org.pf4j.Extension;

/**
 * The {@code http-ingest} source: {@code POST /ingest/claude-code}. Keys: {@code max-body} (2 MiB),
 * {@code append-to-events} (true: each payload is also appended to the event file).
 */
@Extension
public final class HttpIngestFactory implements SourceFactory {

    static final String ID = "http-ingest";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Accepts Claude Code http hooks on POST /ingest/claude-code (loopback, size-capped).";
    }

    @Override
    public Source create(PluginContext context) {
        long maxBody = context.config().bytes("max-body", 2L << 20);
        if (maxBody < 1) {
            throw new ConfigException("plugin." + ID + ".max-body", "must be positive");
        }
        boolean durable = context.config().bool("append-to-events", true);
        EventFileAppender appender = durable
                ? new EventFileAppender(context.eventsFile(), context.log(), context.counter("append_failures")) : null;
        return new HttpIngestSource(context, maxBody, appender);
    }
}
