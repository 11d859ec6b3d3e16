package dev.agentgraph.runtime.plugins;

import dev.agentgraph.api.Component;
import dev.agentgraph.api.ReducerFactory;
import dev.agentgraph.api.SinkFactory;
import dev.agentgraph.api.SourceFactory;
import dev.agentgraph.runtime.pipeline.Bounded;
import dev.agentgraph.runtime.pipeline.ComponentStats;
import dev.agentgraph.runtime.pipeline.Guard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and starts the PF4J plugins of a directory and hands out their component factories. A
 * plugin that cannot be loaded, started or stopped is reported and skipped; it never stops the
 * others. The directory may hold plugin jars and folders, or be a source tree's {@code plugins/}
 * folder (development mode: each module's {@code target/classes}, no packaging needed).
 */
public final class PluginHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("agentgraph.plugins");
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);
    private static final List<Class<? extends Component>> KINDS =
            List.of(SourceFactory.class, ReducerFactory.class, SinkFactory.class);

    private final HostPluginManager manager;
    private final List<PluginStatus> failures = new ArrayList<>();
    private final List<DiscoveredComponent> components = new ArrayList<>();

    private PluginHost(HostPluginManager manager) {
        this.manager = manager;
    }

    /** A host with no plugins. */
    public static PluginHost none() {
        return new PluginHost(null);
    }

    /**
     * Whether this host has a plugin manager: {@link #none()} has none, so its
     * {@link #extensions} are empty even for the class path.
     */
    public boolean isNone() {
        return manager == null;
    }

    /**
     * A host that loads no plugin at all, for the extensions on the class path only (an embedded
     * AgentGraph, tests): {@link #extensions} finds what the class path's extension indexes list.
     */
    public static PluginHost classpathOnly(String systemVersion) {
        return new PluginHost(new HostPluginManager(Path.of("").toAbsolutePath(), systemVersion));
    }

    /** Loads and starts every plugin in {@code dir}; a missing directory means no plugins. */
    public static PluginHost load(Path dir, String systemVersion) {
        Path root = dir.toAbsolutePath().normalize();
        PluginHost host = new PluginHost(new HostPluginManager(root, systemVersion));
        host.loadAndStart(root);
        return host;
    }

    private void loadAndStart(Path root) {
        if (!Files.isDirectory(root)) {
            LOG.debug("no plugins directory at {}", root);
            return;
        }
        if (ReactorPluginRepository.isReactor(root)) {
            LOG.debug("loading plugins from the source tree {} (development mode)", root);
            for (Path module : new ReactorPluginRepository(root).modules()) {
                if (!ReactorPluginRepository.isBuilt(module)) {
                    failures.add(new PluginStatus(module.getFileName().toString(), "", "", module, "not built",
                            "no target/classes/plugin.properties; build it with mvn -pl plugins/" + module.getFileName()));
                }
            }
        }
        for (HostPluginManager.LoadFailure f : manager.loadEach()) {
            LOG.warn("cannot load plugin {}: {}", f.path(), message(f.error()));
            failures.add(new PluginStatus(f.path().getFileName().toString(), "", "", f.path(), PluginStatus.FAILED,
                    message(f.error())));
        }
        // All plugins start before any extension is asked for: PF4J forgets every plugin's
        // extension index whenever a plugin changes state, so asking after each start read all the
        // indexes again each time (a third of the start-up time with the fourteen shipped plugins).
        List<PluginWrapper> started = new ArrayList<>();
        for (PluginWrapper plugin : manager.getResolvedPlugins()) {
            if (start(plugin)) {
                started.add(plugin);
            }
        }
        for (PluginWrapper plugin : started) {
            collectComponents(plugin);
        }
    }

    private boolean start(PluginWrapper plugin) {
        String id = plugin.getPluginId();
        try {
            manager.startPlugin(id);
        } catch (Exception | LinkageError e) {
            plugin.setFailedException(e);
            plugin.setPluginState(PluginState.FAILED);
        }
        if (plugin.getPluginState() != PluginState.STARTED) {
            LOG.warn("plugin {} did not start: {}", id, message(plugin.getFailedException()));
            return false;
        }
        return true;
    }

    private void collectComponents(PluginWrapper plugin) {
        String id = plugin.getPluginId();
        for (Class<? extends Component> kind : KINDS) {
            // getExtensions() makes new instances on every call: call it once per kind.
            try {
                for (Component factory : manager.getExtensions(kind, id)) {
                    components.add(new DiscoveredComponent(factory, id));
                }
            } catch (Exception | LinkageError e) {
                LOG.warn("plugin {}: cannot make its {} extensions: {}", id, kind.getSimpleName(), message(e));
                plugin.setFailedException(e);
            }
        }
    }

    /** Component factories of every started plugin, each made once. */
    public List<DiscoveredComponent> components() {
        return Collections.unmodifiableList(components);
    }

    /**
     * The extensions of {@code type} in every started plugin and on the class path (where tests
     * and embedders put theirs), each made once: a plugin whose extensions cannot be made is
     * logged and skipped.
     */
    public <T> List<T> extensions(Class<T> type) {
        if (manager == null) {
            return List.of();
        }
        try {
            return List.copyOf(manager.getExtensions(type));
        } catch (Exception | LinkageError e) {
            LOG.warn("cannot make the {} extensions: {}", type.getSimpleName(), message(e));
            return List.of();
        }
    }

    /** Every plugin found, loaded or not, with its state. */
    public List<PluginStatus> plugins() {
        List<PluginStatus> all = new ArrayList<>();
        if (manager != null) {
            for (PluginWrapper p : manager.getPlugins()) {
                Throwable error = p.getFailedException();
                String state = p.getPluginState() == PluginState.FAILED || !manager.getResolvedPlugins().contains(p)
                        ? PluginStatus.FAILED : p.getPluginState().toString().toLowerCase(java.util.Locale.ROOT);
                all.add(new PluginStatus(p.getPluginId(), p.getDescriptor().getVersion(),
                        p.getDescriptor().getPluginDescription(), p.getPluginPath(), state,
                        error == null ? (state.equals(PluginStatus.FAILED) ? "unresolved dependencies" : null) : message(error)));
            }
        }
        all.addAll(failures);
        all.sort(java.util.Comparator.comparing(PluginStatus::id));
        return all;
    }

    /** Stops every started plugin, each on its own and in bounded time, then unloads them. */
    @Override
    public void close() {
        if (manager == null) {
            return;
        }
        List<PluginWrapper> started = new ArrayList<>(manager.getStartedPlugins());
        Collections.reverse(started);
        java.util.Set<String> stuck = new java.util.HashSet<>();
        for (PluginWrapper plugin : started) {
            String id = plugin.getPluginId();
            Guard guard = new Guard(new ComponentStats(id), LOG);
            if (!Bounded.run("agentgraph-stop-" + id, STOP_TIMEOUT, guard, "stop", () -> manager.stopPlugin(id))) {
                LOG.warn("plugin {} did not stop within {} s; leaving it", id, STOP_TIMEOUT.toSeconds());
                stuck.add(id);
            }
        }
        for (PluginWrapper plugin : manager.getPlugins()) {
            if (stuck.contains(plugin.getPluginId())) {
                continue;
            }
            try {
                manager.unloadPlugin(plugin.getPluginId());
            } catch (Exception | LinkageError e) {
                LOG.debug("cannot unload plugin {}: {}", plugin.getPluginId(), message(e));
            }
        }
    }

    static String message(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root == t ? String.valueOf(t.getMessage()) : t.getMessage() + " (" + root + ")";
        return m.replace('\n', ' ');
    }
}
