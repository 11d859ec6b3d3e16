package dev.agentgraph.runtime.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.pf4j.PluginRepository;

/**
 * Development mode: the plugins of a source tree, without packaging. When the plugins directory is
 * the reactor's {@code plugins/} folder (it holds a {@code pom.xml}), each module {@code plugins/<m>}
 * is a plugin whose classes are in {@code <m>/target/classes} (with the {@code plugin.properties}
 * the build writes there); the plugin path is {@code <m>/target}, laid out like an unpacked plugin.
 */
final class ReactorPluginRepository implements PluginRepository {

    private final Path root;

    ReactorPluginRepository(Path root) {
        this.root = root;
    }

    /** Whether {@code dir} is a Maven reactor folder rather than a folder of packaged plugins. */
    static boolean isReactor(Path dir) {
        return Files.isRegularFile(dir.resolve("pom.xml"));
    }

    /** Modules of the reactor folder, built or not. */
    List<Path> modules() {
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(d -> Files.isRegularFile(d.resolve("pom.xml"))).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    static boolean isBuilt(Path module) {
        return Files.isRegularFile(module.resolve("target/classes/plugin.properties"));
    }

    @Override
    public List<Path> getPluginPaths() {
        return modules().stream().filter(ReactorPluginRepository::isBuilt).map(m -> m.resolve("target")).toList();
    }

    @Override
    public boolean deletePluginPath(Path pluginPath) {
        return false;
    }
}
