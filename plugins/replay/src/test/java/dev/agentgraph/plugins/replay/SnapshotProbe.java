package dev.agentgraph.plugins.replay;

import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Sink;
import dev.agentgraph.api.SinkFactory;
import dev.agentgraph.api.Snapshots;

/** A sink that only keeps the host's snapshot service, so a test can read the reducers' state. */
final class SnapshotProbe implements SinkFactory {

    volatile Snapshots snapshots;

    @Override
    public String id() {
        return "snapshot-probe";
    }

    @Override
    public Sink create(PluginContext context) {
        snapshots = context.snapshots();
        return event -> { };
    }
}
