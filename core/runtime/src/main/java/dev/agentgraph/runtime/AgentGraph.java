package dev.agentgraph.runtime;

import com.google.gson.JsonObject;
import dev.agentgraph.api.Component;
import dev.agentgraph.api.ConfigException;
import dev.agentgraph.api.Controls;
import dev.agentgraph.api.Emitter;
import dev.agentgraph.api.HttpResponse;
import dev.agentgraph.api.Snapshots;
import dev.agentgraph.runtime.components.ComponentAssembly;
import dev.agentgraph.runtime.components.ComponentRecord;
import dev.agentgraph.runtime.config.CoreConfig;
import dev.agentgraph.runtime.control.BlockingRuntimes;
import dev.agentgraph.runtime.control.Control;
import dev.agentgraph.runtime.config.Settings;
import dev.agentgraph.runtime.pipeline.ComponentStats;
import dev.agentgraph.runtime.pipeline.Pipeline;
import dev.agentgraph.runtime.plugins.PluginHost;
import dev.agentgraph.runtime.plugins.PluginStatus;
import dev.agentgraph.server.ServerSettings;
import dev.agentgraph.server.ServerStartException;
import dev.agentgraph.server.WebServer;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running AgentGraph: the web server, the plugins, the components and the pipeline between
 * them. Made with {@link #builder()}; {@link #close()} stops it in bounded time: sources first,
 * then the pipeline drains, then the sinks finish, then the server and the plugins stop.
 *
 * <pre>{@code
 * try (AgentGraph graph = AgentGraph.builder().set("server.port", "0").component(new MySource()).start()) {
 *     URI page = graph.uri("/");
 * }
 * }</pre>
 */
public final class AgentGraph implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("agentgraph");
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SINK_TIMEOUT = Duration.ofSeconds(3);

    private final CoreConfig config;
    private final WebServer server;
    private final PluginHost plugins;
    private final ComponentAssembly components;
    private final Pipeline pipeline;
    private final ComponentStats injected;
    private final StatsReport report;
    private final Control control;
    private final AtomicBoolean closed = new AtomicBoolean();

    private AgentGraph(CoreConfig config, WebServer server, PluginHost plugins, ComponentAssembly components,
            Pipeline pipeline, ComponentStats injected, StatsReport report, Control control) {
        this.config = config;
        this.server = server;
        this.plugins = plugins;
        this.components = components;
        this.pipeline = pipeline;
        this.injected = injected;
        this.report = report;
        this.control = control;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The port the server listens on (the real one when {@code server.port} was 0). */
    public int port() {
        return server.port();
    }

    /** {@code http://HOST:PORT/path} (IPv6 hosts in brackets). */
    public URI uri(String path) {
        String host = server.host();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port() + (path.startsWith("/") ? path : "/" + path));
    }

    /** The checked platform configuration this AgentGraph runs with. */
    public CoreConfig config() {
        return config;
    }

    /** Emits straight into the pipeline's inbound queue; blocks while it is full. Counted as {@code inject}. */
    public Emitter inject() {
        return pipeline.emitter(injected);
    }

    /** The user's control decisions ({@code --control}), as components see them. */
    public Controls controls() {
        return control.book();
    }

    /** Takes snapshots of the reducers' state, as a sink or route would. */
    public Snapshots snapshots() {
        return pipeline.snapshots();
    }

    /** The same JSON as {@code GET /api/stats}. */
    public JsonObject stats() {
        return report.stats();
    }

    /** The same JSON as {@code GET /api/health}. */
    public JsonObject health() {
        return report.health();
    }

    /** The same JSON as {@code GET /api/plugins}. */
    public JsonObject pluginsReport() {
        return report.plugins();
    }

    /** Every component with its kind, origin and state. */
    public List<ComponentRecord> components() {
        return components.records();
    }

    /** Every plugin found, with its state. */
    public List<PluginStatus> plugins() {
        return plugins.plugins();
    }

    /** Stops everything in bounded time (about 15 s at worst, with stuck plugins); safe to call twice. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long start = System.nanoTime();
        components.closeSources();
        try {
            pipeline.drain(DRAIN_TIMEOUT);
            pipeline.finishSinks(SINK_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly("the server", server::close);
        closeQuietly("control", control::close);
        closeQuietly("the plugins", plugins::close);
        LOG.debug("AgentGraph stopped in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    private static void closeQuietly(String what, Runnable close) {
        try {
            close.run();
        } catch (RuntimeException e) {
            LOG.warn("closing {} failed: {}", what, e.toString());
        }
    }

    /** Configures and starts an {@link AgentGraph}. */
    public static final class Builder {
        private Settings settings = Settings.empty();
        private final Map<String, String> explicit = new LinkedHashMap<>();
        private final List<Component> embedded = new ArrayList<>();
        private Path pluginsDir;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The configuration to start from (file, environment, flags); {@link #set} wins over it. */
        public Builder config(Settings value) {
            this.settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /** Sets one key, such as {@code server.port} or {@code plugin.log.enabled}. */
        public Builder set(String key, String value) {
            explicit.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Adds a component directly (a Source-, Reducer- or SinkFactory), as a plugin would. */
        public Builder component(Component factory) {
            embedded.add(Objects.requireNonNull(factory, "factory"));
            return this;
        }

        /** Loads PF4J plugins from this directory as well (the same as {@code plugins.dir}). */
        public Builder pluginsDir(Path dir) {
            this.pluginsDir = dir;
            return this;
        }

        /** The clock components read and reducers' ticks are given. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Starts AgentGraph. Throws {@link ConfigException} (naming the key) on bad configuration and
         * {@link StartupException} when the server cannot start (port in use) or components clash.
         */
        public AgentGraph start() {
            Settings s = settings;
            for (Map.Entry<String, String> e : explicit.entrySet()) {
                s = s.with(e.getKey(), e.getValue());
            }
            if (pluginsDir != null) {
                s = s.with(CoreConfig.PLUGINS_DIR, pluginsDir.toString());
            }
            return Startup.start(s, embedded, clock);
        }
    }

    /** The startup sequence, undone step by step when a step fails. */
    private static final class Startup {

        static AgentGraph start(Settings settings, List<Component> embedded, Clock clock) {
            CoreConfig config = CoreConfig.from(settings);
            boolean pluginsConfigured = settings.get(CoreConfig.PLUGINS_DIR).isPresent();
            PluginHost plugins = pluginsConfigured ? PluginHost.load(config.pluginsDir(), Version.get()) : PluginHost.none();
            WebServer server = null;
            ComponentAssembly components = null;
            Control control = null;
            try {
                try {
                    components = ComponentAssembly.of(embedded, plugins.components());
                } catch (IllegalArgumentException e) {
                    throw new StartupException(e.getMessage(), false, e);
                }
                server = WebServer.newServer(serverSettings(config));
                ComponentStats pipelineStats = new ComponentStats("pipeline");
                Pipeline pipeline = new Pipeline(clock, config.queueSize(), pipelineStats);
                control = Control.mount(config.control(), config.eventsFile(), config.control() ? BlockingRuntimes.of(plugins) : List.of(),
                        server, pipeline, clock);
                components.create(settings, config, server.routes(), pipeline, clock, control.book());
                components.checkKeys(settings);
                ComponentStats injected = new ComponentStats("inject");
                WebServer srv = server;
                StatsReport report = new StatsReport(clock.instant(), pipeline, pipelineStats, components.records(), plugins,
                        srv::counters, config.eventsFile().toAbsolutePath());
                mountApi(server, report);
                startServer(server, config);
                pipeline.start();
                components.startSources(pipeline);
                AgentGraph graph = new AgentGraph(config, server, plugins, components, pipeline, injected, report, control);
                LOG.debug("AgentGraph {} listening on {}", Version.get(), graph.uri("/"));
                return graph;
            } catch (RuntimeException | Error e) {
                if (components != null) {
                    components.closeUnstarted();
                }
                if (server != null) {
                    closeQuietly("the server", server::close);
                }
                if (control != null) {
                    closeQuietly("control", control::close);
                }
                closeQuietly("the plugins", plugins::close);
                throw e;
            }
        }

        private static ServerSettings serverSettings(CoreConfig c) {
            try {
                return new ServerSettings(c.host(), c.port(), c.token(), c.allowedHosts(), c.maxWebSockets(),
                        c.maxWebSocketMessageBytes(), c.webRoot());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(CoreConfig.SERVER_HOST, e.getMessage());
            }
        }

        private static void startServer(WebServer server, CoreConfig config) {
            try {
                server.start();
            } catch (ServerStartException e) {
                throw new StartupException(e.getMessage(), isBindFailure(e), e);
            }
        }

        private static boolean isBindFailure(Throwable t) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                if (c instanceof BindException || String.valueOf(c.getMessage()).contains("already in use")) {
                    return true;
                }
            }
            return false;
        }

        private static void mountApi(WebServer server, StatsReport report) {
            server.routes().http("GET", "/api/stats", 0, request -> HttpResponse.json(200, report.stats().toString()));
            server.routes().http("GET", "/api/health", 0, request -> HttpResponse.json(200, report.health().toString()));
            server.routes().http("GET", "/api/plugins", 0, request -> HttpResponse.json(200, report.plugins().toString()));
        }
    }
}
