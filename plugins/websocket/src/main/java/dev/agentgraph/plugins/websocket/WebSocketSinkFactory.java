package dev.agentgraph.plugins.websocket;

import dev.agentgraph.api.ConfigException;
import dev.agentgraph.api.PluginConfig;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Sink;
import dev.agentgraph.api.SinkFactory;
import java.time.Duration;
import org.pf4j.Extension;

/** The {@code websocket} sink: mounts {@code GET /stream} and broadcasts the stream to browsers. */
@Extension
public final class WebSocketSinkFactory implements SinkFactory {

    /** The path of the live stream. */
    public static final String PATH = "/stream";

    @Override
    public String id() {
        return "websocket";
    }

    @Override
    public String description() {
        return "Serves GET /stream: a snapshot, then every event; slow clients are closed (1013).";
    }

    @Override
    public Sink create(PluginContext context) {
        PluginConfig config = context.config();
        Duration ping = config.duration("ping-interval", Duration.ofSeconds(30));
        int maxFrames = config.integer("max-pending-frames", 1024);
        long maxChars = config.bytes("max-pending-bytes", 8L << 20);
        if (ping.toMillis() < 1) {
            throw new ConfigException("plugin.websocket.ping-interval", "must be at least 1ms");
        }
        if (maxFrames < 1) {
            throw new ConfigException("plugin.websocket.max-pending-frames", "must be at least 1");
        }
        if (maxChars < 1024) {
            throw new ConfigException("plugin.websocket.max-pending-bytes", "must be at least 1k");
        }
        WebSocketSink sink = new WebSocketSink(context, ping, maxFrames, maxChars);
        context.routes().websocket(PATH, sink);
        return sink;
    }
}
