package dev.agentgraph.runtime.plugins;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.CompoundPluginDescriptorFinder;
import org.pf4j.CompoundPluginRepository;
import org.pf4j.DefaultPluginManager;
import org.pf4j.DefaultPluginRepository;
import org.pf4j.JarPluginRepository;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginRepository;

/**
 * PF4J's plugin manager, set up for AgentGraph: jars and folders in the plugins directory, or the
 * built modules of a source tree's {@code plugins/} folder, and a load step that reports each
 * plugin that cannot be loaded instead of only logging it.
 */
final class HostPluginManager extends DefaultPluginManager {

    /** A plugin path that could not be loaded, and why. */
    record LoadFailure(Path path, Throwable error) {
    }

    HostPluginManager(Path pluginsDir, String systemVersion) {
        super(pluginsDir);
        setSystemVersion(systemVersion);
    }

    @Override
    protected PluginRepository createPluginRepository() {
        Path root = getPluginsRoot();
        if (ReactorPluginRepository.isReactor(root)) {
            return new ReactorPluginRepository(root);
        }
        return new CompoundPluginRepository()
                .add(new JarPluginRepository(root))
                .add(new DefaultPluginRepository(root));
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
        return new CompoundPluginDescriptorFinder()
                .add(new DirectoryAwareDescriptorFinder())
                .add(new ManifestPluginDescriptorFinder());
    }

    /** Loads every plugin path on its own; returns the ones that failed. */
    List<LoadFailure> loadEach() {
        List<LoadFailure> failures = new ArrayList<>();
        if (!java.nio.file.Files.isDirectory(getPluginsRoot())) {
            return failures;
        }
        for (Path path : pluginRepository.getPluginPaths()) {
            try {
                loadPluginFromPath(path);
            } catch (Exception | LinkageError e) {
                failures.add(new LoadFailure(path, e));
            }
        }
        try {
            resolvePlugins();
        } catch (Exception e) {
            failures.add(new LoadFailure(getPluginsRoot(), e));
        }
        return failures;
    }
}
