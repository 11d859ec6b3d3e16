package dev.agentgraph.installer;

import dev.agentgraph.api.RuntimeIntegration;
import dev.agentgraph.runtime.Version;
import dev.agentgraph.runtime.config.Home;
import dev.agentgraph.runtime.plugins.PluginHost;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime integrations installed: the {@link RuntimeIntegration} extensions of the plugins
 * directory's plugins and of the class path, by name. One whose name is not a plain lower-case
 * word, or repeats an earlier one, or whose {@code name()} throws, is left out with a warning.
 */
final class Integrations implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("agentgraph.integrations");
    /** Bounded, no backtracking: a name goes into paths, URLs and shell commands. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final PluginHost host;
    private final Map<String, RuntimeIntegration> byName = new LinkedHashMap<>();

    private Integrations(PluginHost host) {
        this.host = host;
        for (RuntimeIntegration i : host.extensions(RuntimeIntegration.class)) {
            String name;
            try {
                name = i.name();
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("runtime integration {} left out: its name() threw {}", i.getClass().getName(), e.toString());
                continue;
            }
            if (name == null || !NAME.matcher(name).matches()) {
                LOG.warn("runtime integration {} left out: its name {} is not lower-case letters, digits and -",
                        i.getClass().getName(), name);
            } else if (byName.putIfAbsent(name, i) != null) {
                LOG.warn("runtime integration {} left out: {} is taken by {}", i.getClass().getName(), name,
                        byName.get(name).getClass().getName());
            }
        }
    }

    /** The integrations of {@code pluginsDir} (or the installation's {@code plugins/}) and the class path. */
    static Integrations load(Path pluginsDir) {
        return new Integrations(PluginHost.load(pluginsDir != null ? pluginsDir : Home.resolve("plugins"), Version.get()));
    }

    Optional<RuntimeIntegration> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    List<String> names() {
        return new ArrayList<>(byName.keySet());
    }

    List<RuntimeIntegration> all() {
        return new ArrayList<>(byName.values());
    }

    @Override
    public void close() {
        host.close();
    }
}
