package dev.agentgraph.runtime.plugins;

import java.nio.file.Files;
import java.nio.file.Path;
import org.pf4j.PropertiesPluginDescriptorFinder;

/**
 * Finds {@code plugin.properties} in a jar, at the top of a plugin folder, or in the folder's
 * {@code classes/} (where the build writes it, so a module's {@code target} is a plugin folder).
 */
final class DirectoryAwareDescriptorFinder extends PropertiesPluginDescriptorFinder {

    @Override
    protected Path getPropertiesPath(Path pluginPath, String propertiesFileName) {
        if (Files.isDirectory(pluginPath) && !Files.exists(pluginPath.resolve(propertiesFileName))) {
            return pluginPath.resolve("classes").resolve(propertiesFileName);
        }
        return super.getPropertiesPath(pluginPath, propertiesFileName);
    }
}
