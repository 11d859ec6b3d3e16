package dev.agentgraph.runtime.components;

import dev.agentgraph.api.Controls;
import dev.agentgraph.api.Counter;
import dev.agentgraph.api.PluginConfig;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Rebuilds;
import dev.agentgraph.api.Routes;
import dev.agentgraph.api.Snapshots;
import dev.agentgraph.runtime.config.ComponentConfig;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What one component is given when it is created. Its logger is named {@code agentgraph.<id>}. */
public final class ComponentContext implements PluginContext {

    private final ComponentRecord record;
    private final ComponentConfig config;
    private final Path eventsFile;
    private final Routes routes;
    private final Snapshots snapshots;
    private final Rebuilds rebuilds;
    private final Clock clock;
    private final Logger log;
    private final Controls controls;

    public ComponentContext(ComponentRecord record, ComponentConfig config, Path eventsFile, Routes serverRoutes,
            Snapshots snapshots, Rebuilds rebuilds, Clock clock, Controls controls) {
        this.record = record;
        this.config = config;
        this.eventsFile = eventsFile;
        this.routes = new RecordingRoutes(serverRoutes, record);
        this.snapshots = snapshots;
        this.rebuilds = rebuilds;
        this.clock = clock;
        this.controls = controls;
        this.log = ErrorRecordingLogger.wrap(LoggerFactory.getLogger("agentgraph." + record.id()), record, clock);
    }

    @Override
    public String id() {
        return record.id();
    }

    @Override
    public PluginConfig config() {
        return config;
    }

    /** The same configuration, with the host's view of which keys were read. */
    public ComponentConfig componentConfig() {
        return config;
    }

    @Override
    public Path eventsFile() {
        record.askedForEventsFile();
        return eventsFile;
    }

    @Override
    public Logger log() {
        return log;
    }

    @Override
    public Counter counter(String name) {
        return record.stats().counter(name);
    }

    @Override
    public Routes routes() {
        return routes;
    }

    @Override
    public Snapshots snapshots() {
        return snapshots;
    }

    @Override
    public Rebuilds rebuilds() {
        return rebuilds;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Controls controls() {
        return controls;
    }
}
