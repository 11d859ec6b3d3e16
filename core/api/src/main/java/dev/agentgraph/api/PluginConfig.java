package dev.agentgraph.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A component's configuration. Every getter takes the default that applies when the key is
 * absent, and throws {@link ConfigException} naming the key when the value cannot be read. The
 * host reports any configured key that no getter asked for as unknown.
 */
public interface PluginConfig {

    String string(String key, String fallback);

    int integer(String key, int fallback);

    long longValue(String key, long fallback);

    double number(String key, double fallback);

    boolean bool(String key, boolean fallback);

    /** A duration such as {@code 250ms}, {@code 30s}, {@code 30m}, {@code 2h}, or ISO-8601 ({@code PT30M}). */
    Duration duration(String key, Duration fallback);

    /** A size such as {@code 1048576}, {@code 64k}, {@code 1m} (binary units), in bytes. */
    long bytes(String key, long fallback);

    /** A path; a leading {@code ~/} means the user's home. */
    Path path(String key, Path fallback);

    /**
     * Every key that starts with {@code prefix} (for tables such as a price list), with the
     * prefix removed; all of them count as known.
     */
    Map<String, String> withPrefix(String prefix);
}
