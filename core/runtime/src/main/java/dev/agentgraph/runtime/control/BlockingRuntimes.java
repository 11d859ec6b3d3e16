package dev.agentgraph.runtime.control;

import dev.agentgraph.api.RuntimeIntegration;
import dev.agentgraph.runtime.Version;
import dev.agentgraph.runtime.plugins.PluginHost;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtimes whose hooks can deny a tool call ({@link RuntimeIntegration#blocksToolCalls()}),
 * told to the page so that it offers Stop and Hold only for their sessions. Asked of the plugins
 * the server loaded, and of the class path when it loaded none (embedded, tests).
 */
public final class BlockingRuntimes {

    private static final Logger LOG = LoggerFactory.getLogger("agentgraph.control");

    private BlockingRuntimes() {
    }

    public static List<String> of(PluginHost plugins) {
        if (plugins.isNone()) {
            try (PluginHost classpath = PluginHost.classpathOnly(Version.get())) {
                return names(classpath);
            }
        }
        return names(plugins);
    }

    private static List<String> names(PluginHost host) {
        List<String> names = new ArrayList<>();
        for (RuntimeIntegration i : host.extensions(RuntimeIntegration.class)) {
            try {
                if (i.blocksToolCalls() && !names.contains(i.name())) {
                    names.add(i.name());
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("runtime integration {} left out of control: {}", i.getClass().getName(), e.toString());
            }
        }
        return names;
    }
}
