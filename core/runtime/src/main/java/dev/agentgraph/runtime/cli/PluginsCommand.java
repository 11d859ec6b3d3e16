package dev.agentgraph.runtime.cli;

import dev.agentgraph.api.Component;
import dev.agentgraph.api.ReducerFactory;
import dev.agentgraph.runtime.components.ComponentKind;
import dev.agentgraph.runtime.config.CoreConfig;
import dev.agentgraph.runtime.config.Home;
import dev.agentgraph.runtime.config.Settings;
import dev.agentgraph.runtime.config.Values;
import dev.agentgraph.runtime.plugins.DiscoveredComponent;
import dev.agentgraph.runtime.plugins.PluginHost;
import dev.agentgraph.runtime.plugins.PluginStatus;
import dev.agentgraph.runtime.Version;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code agentgraph plugins}: lists the plugins of the plugins directory with their state, and
 * the components they carry with whether the configuration enables them, without starting the
 * server. Exit code 1 if a plugin failed to load or start.
 */
@Command(name = "plugins", description = "List plugins and components and their state, without starting the server.",
        mixinStandardHelpOptions = true)
public final class PluginsCommand implements Callable<Integer> {

    @Mixin
    RunOptions options = new RunOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Settings settings = options.settings();
        CoreConfig config = CoreConfig.from(settings);
        Path dir = settings.get(CoreConfig.PLUGINS_DIR).isPresent() ? config.pluginsDir() : Home.resolve("plugins");
        PrintWriter out = spec.commandLine().getOut();
        try (PluginHost host = PluginHost.load(dir, Version.get())) {
            out.println("Plugins in " + dir.toAbsolutePath().normalize() + ":");
            boolean failed = false;
            for (PluginStatus p : host.plugins()) {
                failed |= !p.state().equals(PluginStatus.STARTED);
                out.printf("  %-18s %-8s %-10s %s%n", p.id(), p.version(), p.state(),
                        p.error() != null ? p.error() : p.description());
            }
            if (host.plugins().isEmpty()) {
                out.println("  (none)");
            }
            out.println("Components:");
            List<DiscoveredComponent> components = new ArrayList<>(host.components());
            components.sort(Comparator.comparing((DiscoveredComponent d) -> ComponentKind.of(d.factory()))
                    .thenComparingInt(d -> d.factory() instanceof ReducerFactory r ? r.order() : 0)
                    .thenComparing(d -> d.factory().id()));
            for (DiscoveredComponent d : components) {
                Component f = d.factory();
                String key = CoreConfig.PLUGIN_PREFIX + f.id() + ".enabled";
                boolean enabled = settings.get(key).map(v -> Values.bool(key, v)).orElse(f.enabledByDefault());
                String kind = ComponentKind.of(f).label() + (f instanceof ReducerFactory r ? " " + r.order() : "");
                out.printf("  %-18s %-12s %-9s %s%n", f.id(), kind, enabled ? "enabled" : "disabled", f.description());
            }
            out.flush();
            return failed ? ExitCodes.FAILURE : ExitCodes.OK;
        }
    }
}
