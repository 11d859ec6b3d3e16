package dev.agentgraph.plugins.otlpexport;

import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Sink;
import dev.agentgraph.api.SinkFactory;
import org.pf4j.Extension;

/** The {@code otlp-export} sink (see {@link ExportSettings}); off unless {@code plugin.otlp-export.enabled=true}. */
@Extension
public final class OtlpExportFactory implements SinkFactory {

    static final String ID = "otlp-export";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Exports the live stream as OpenTelemetry GenAI spans to an OTLP/HTTP endpoint (off by default).";
    }

    @Override
    public boolean enabledByDefault() {
        return false;
    }

    @Override
    public Sink create(PluginContext context) {
        ExportSettings settings = ExportSettings.read(context.config(), System.getenv());
        context.log().info("exporting GenAI spans to {}", settings);
        return new OtlpExportSink(context, settings);
    }
}
