package dev.agentgraph.service;

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

    /** The environment of this JVM: {@code $HOME} (else {@code user.home}), {@code agentgraph.home}, {@code java.home}. */
    public static ServiceEnvironment current() {
        String home = System.getenv("HOME");
        Path userHome = Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home);
        String installation = System.getProperty("agentgraph.home");
        return new ServiceEnvironment(userHome,
                installation == null || installation.isBlank() ? null : Path.of(installation).toAbsolutePath().normalize(),
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
