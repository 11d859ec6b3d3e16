package dev.agentgraph.runtime;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.agentgraph.runtime.components.ComponentRecord;
import dev.agentgraph.runtime.pipeline.ComponentStats;
import dev.agentgraph.runtime.pipeline.Pipeline;
import dev.agentgraph.runtime.plugins.PluginHost;
import dev.agentgraph.runtime.plugins.PluginStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Builds the JSON of {@code GET /api/stats}, {@code GET /api/health} and {@code GET /api/plugins}. */
final class StatsReport {

    private final Instant startedAt;
    private final long startedNanos = System.nanoTime();
    private final Pipeline pipeline;
    private final ComponentStats pipelineStats;
    private final List<ComponentRecord> components;
    private final PluginHost plugins;
    private final Supplier<Map<String, Long>> serverCounters;
    private final Path eventsFile;

    StatsReport(Instant startedAt, Pipeline pipeline, ComponentStats pipelineStats, List<ComponentRecord> components,
            PluginHost plugins, Supplier<Map<String, Long>> serverCounters, Path eventsFile) {
        this.eventsFile = eventsFile;
        this.startedAt = startedAt;
        this.pipeline = pipeline;
        this.pipelineStats = pipelineStats;
        this.components = components;
        this.plugins = plugins;
        this.serverCounters = serverCounters;
    }

    /**
     * {@code {"version","started_at","uptime_ms","uptime","seq","inbound":{queued,capacity},
     * "pipeline":{events_in,events_out,errors,drops,counters},"components":{id:{…}},"plugins":[…],"server":{…}}}.
     */
    JsonObject stats() {
        JsonObject json = new JsonObject();
        long uptimeMs = (System.nanoTime() - startedNanos) / 1_000_000;
        json.addProperty("version", Version.get());
        json.addProperty("started_at", startedAt.toString());
        json.addProperty("uptime_ms", uptimeMs);
        json.addProperty("uptime", Duration.ofMillis(uptimeMs).toString());
        json.addProperty("seq", pipeline.lastSeq());
        JsonObject inbound = new JsonObject();
        inbound.addProperty("queued", pipeline.queued());
        inbound.addProperty("capacity", pipeline.queueCapacity());
        json.add("inbound", inbound);
        json.add("pipeline", pipelineStats.toJson());
        JsonObject byId = new JsonObject();
        components.forEach(c -> byId.add(c.id(), c.statsJson()));
        json.add("components", byId);
        json.add("plugins", pluginsArray());
        JsonObject server = new JsonObject();
        serverCounters.get().forEach(server::addProperty);
        json.add("server", server);
        return json;
    }

    /**
     * {@code {"status":"ok"|"degraded","version","started_at","problems":[…],"events_file"?,
     * "components":{id:{kind,plugin,state,error?,events,last_event_at?,last_error?,ok}}}}}: whether
     * each component runs, and for sources when the last event came. {@code /health} stays a
     * bare liveness check; this is what the page and {@code agentgraph doctor} show.
     */
    JsonObject health() {
        JsonObject json = new JsonObject();
        JsonArray problems = new JsonArray();
        JsonObject byId = new JsonObject();
        boolean eventsFileRead = false;
        for (ComponentRecord c : components) {
            byId.add(c.id(), c.healthJson());
            eventsFileRead |= c.state().equals("running") && c.readsEventsFile();
            if (c.inTrouble()) {
                problems.add(c.id() + ": " + (c.state().equals("failed") ? c.error() : c.lastError()));
            }
        }
        for (PluginStatus p : plugins.plugins()) {
            if (!p.state().equals(PluginStatus.STARTED)) {
                problems.add("plugin " + p.id() + " " + p.state() + (p.error() == null ? "" : ": " + p.error()));
            }
        }
        json.addProperty("status", problems.isEmpty() ? "ok" : "degraded");
        json.addProperty("version", Version.get());
        json.addProperty("started_at", startedAt.toString());
        json.add("problems", problems);
        if (eventsFileRead) {
            json.addProperty("events_file", eventsFile.toString());
        }
        json.add("components", byId);
        return json;
    }

    /** {@code {"plugins":[{id,version,description,path,state,error?}],"components":[{id,kind,plugin,…}]}}. */
    JsonObject plugins() {
        JsonObject json = new JsonObject();
        json.add("plugins", pluginsArray());
        JsonArray list = new JsonArray();
        components.forEach(c -> list.add(c.describe()));
        json.add("components", list);
        return json;
    }

    private JsonArray pluginsArray() {
        JsonArray array = new JsonArray();
        for (PluginStatus p : plugins.plugins()) {
            array.add(p.toJson());
        }
        return array;
    }
}
