package dev.agentgraph.plugins.otlp;

import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Source;
import dev.agentgraph.api.SourceFactory;
import org.pf4j.Extension;

/** The {@code otlp} source: an OTLP/HTTP receiver on AgentGraph's own port (see {@link OtlpSettings}). */
@Extension
public final class OtlpFactory implements SourceFactory {

    static final String ID = "otlp";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Receives OTLP/HTTP on POST /v1/traces, /v1/logs, /v1/metrics: Claude Code telemetry and GenAI agent spans.";
    }

    @Override
    public Source create(PluginContext context) {
        return new OtlpReceiver(context, OtlpSettings.read(context.config()));
    }
}
