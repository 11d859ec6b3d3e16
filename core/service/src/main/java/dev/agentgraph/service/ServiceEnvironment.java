package dev.agentgraph.service;

import dev.agentgraph.runtime.config.Home;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where things are: the user's home (where the unit or agent file goes), the AgentGraph
 * installation ({@code agentgraph.home}, set by {@code bin/agentgraph}), the Java that runs it and
 * the operating system.
 *
 * @param installation null when not started through {@code bin/agentgraph}
 */
public record ServiceEnvironment(Path userHome, Path installation, Path javaHome, Os os) {

    /** The service managers this command knows. */
    public enum Os { LINUX, MACOS, OTHER }

    /** The environment of this JVM: the user's home, the installation ({@link Home}), {@code java.home}. */
    public static ServiceEnvironment current() {
        return new ServiceEnvironment(Home.user(),
                Home.dir().map(p -> p.toAbsolutePath().normalize()).orElse(null),
                Path.of(System.getProperty("java.home")), os(System.getProperty("os.name", "")));
    }

    static Os os(String osName) {
        String name = osName.toLowerCase(Locale.ROOT);
        if (name.contains("linux")) {
            return Os.LINUX;
        }
        if (name.contains("mac") || name.contains("darwin")) {
            return Os.MACOS;
        }
        return Os.OTHER;
    }

    /** The start script that the service runs. */
    Path launcher() {
        return installation.resolve("bin").resolve("agentgraph");
    }
}
