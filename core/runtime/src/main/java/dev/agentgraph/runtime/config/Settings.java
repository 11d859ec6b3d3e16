package dev.agentgraph.runtime.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Raw configuration in three layers, later ones winning: the properties file, environment
 * variables ({@code AGENTGRAPH_SERVER_PORT} for {@code server.port}: upper case, dots and dashes
 * as underscores), and explicit settings (command-line flags, {@code --set}, {@link #with}).
 * Immutable; values are parsed where they are used, which names the key on a bad value.
 */
public final class Settings {

    /** Prefix of the environment variables that configure AgentGraph. */
    public static final String ENV_PREFIX = "AGENTGRAPH_";

    private static final Settings EMPTY = new Settings(Map.of(), Map.of(), Map.of());

    private final Map<String, String> file;
    private final Map<String, String> env;
    private final Map<String, String> explicit;

    private Settings(Map<String, String> file, Map<String, String> env, Map<String, String> explicit) {
        this.file = file;
        this.env = env;
        this.explicit = explicit;
    }

    /** No configuration at all: every key takes its default. The environment is not read. */
    public static Settings empty() {
        return EMPTY;
    }

    /** Settings from a file's keys, the process environment (or any map of it), and explicit keys. */
    public static Settings of(Map<String, String> file, Map<String, String> environment, Map<String, String> explicit) {
        Map<String, String> env = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX)) {
                env.put(name, value);
            }
        });
        return new Settings(copy(file), Collections.unmodifiableMap(env), copy(explicit));
    }

    /** These settings with one more explicit key. */
    public Settings with(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(explicit);
        more.put(key, value);
        return new Settings(file, env, Collections.unmodifiableMap(more));
    }

    /** These settings with every key of {@code other} added as explicit (other wins). */
    public Settings withAll(Settings other) {
        Map<String, String> f = new LinkedHashMap<>(file);
        f.putAll(other.file);
        Map<String, String> e = new LinkedHashMap<>(env);
        e.putAll(other.env);
        Map<String, String> x = new LinkedHashMap<>(explicit);
        x.putAll(other.explicit);
        return new Settings(Collections.unmodifiableMap(f), Collections.unmodifiableMap(e), Collections.unmodifiableMap(x));
    }

    /** The value of {@code key}: explicit, else its environment variable, else the file's. */
    public Optional<String> get(String key) {
        String v = explicit.get(key);
        if (v == null) {
            v = env.get(envName(key));
        }
        if (v == null) {
            v = file.get(key);
        }
        return Optional.ofNullable(v);
    }

    /**
     * Every key written in the file or set explicitly, sorted. Environment variables are looked up
     * by the keys that are read, so an unrelated {@code AGENTGRAPH_*} variable is not an error.
     */
    public Set<String> keys() {
        Set<String> keys = new TreeSet<>(file.keySet());
        keys.addAll(explicit.keySet());
        return keys;
    }

    /** The environment variable for a key: {@code server.port} → {@code AGENTGRAPH_SERVER_PORT}. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static Map<String, String> copy(Map<String, String> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    @Override
    public String toString() {
        return "Settings" + keys();
    }
}
