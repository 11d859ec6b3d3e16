package dev.agentgraph.runtime.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The installation directory, from the system property {@code agentgraph.home} or the environment
 * variable {@code AGENTGRAPH_HOME} (set by the start scripts). Without one, paths are relative to
 * the working directory, which is what a run from the source tree wants.
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

    /** {@code <home>/<relative>}, or {@code relative} in the working directory. */
    public static Path resolve(String relative) {
        return dir().map(h -> h.resolve(relative)).orElse(Path.of(relative));
    }
}
