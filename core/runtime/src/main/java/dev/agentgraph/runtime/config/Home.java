package dev.agentgraph.runtime.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The installation directory, from the system property {@code agentgraph.home} or the environment
 * variable {@code AGENTGRAPH_HOME} (set by the start scripts). Without one, paths are relative to
 * the working directory, which is what a run from the source tree wants. Also the user's home,
 * as every part of AgentGraph must see it.
 */
public final class Home {

    public static final String PROPERTY = "agentgraph.home";
    public static final String ENV = "AGENTGRAPH_HOME";

    private Home() {
    }

    public static Optional<Path> dir() {
        String home = System.getProperty(PROPERTY);
        if (home == null || home.isBlank()) {
            home = System.getenv(ENV);
        }
        return home == null || home.isBlank() ? Optional.empty() : Optional.of(Path.of(home));
    }

    /**
     * The user's home: {@code $HOME} when set, as the shell and the hook script see it; else
     * Java's {@code user.home}, which comes from the password file.
     */
    public static Path user() {
        String home = System.getenv("HOME");
        return Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home);
    }

    /**
     * Whether {@code path} lies in a build folder (a {@code target} directory), which the next
     * build or {@code mvn clean} replaces: hooks or a service pointing there break silently.
     */
    public static boolean inBuildFolder(Path path) {
        for (Path part : path.toAbsolutePath().normalize()) {
            if (part.toString().equals("target")) {
                return true;
            }
        }
        return false;
    }

    /** What to tell a user whose hooks or service would point at {@code path} in a build folder. */
    public static String buildFolderAdvice(Path path) {
        String launcher = dir().map(h -> h.resolve("bin").resolve("agentgraph").toString()).orElse("bin/agentgraph");
        return path.toAbsolutePath().normalize() + " is inside a build folder (target/), which the next build or"
                + " mvn clean replaces. Install AgentGraph to a stable place first: " + launcher
                + " install, then run the command again with ~/.local/bin/agentgraph";
    }

    /** {@code <home>/<relative>}, or {@code relative} in the working directory. */
    public static Path resolve(String relative) {
        return dir().map(h -> h.resolve(relative)).orElse(Path.of(relative));
    }
}
