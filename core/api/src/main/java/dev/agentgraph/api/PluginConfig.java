package dev.agentgraph.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A component's configuration. Every getter takes the default that applies when the key is
 * absent, and throws {@link ConfigException} naming the full key ({@code plugin.<id>.<key>})
 * when the value cannot be read or is out of range; thrown from a factory's {@code create}, it
 * stops the startup with that line. The host reports any configured key that no getter asked
 * for as unknown.
 */
public interface PluginConfig {

    /**
     * The error for a value of {@code key} that cannot be used, naming the full key:
     * {@code invalid("max-body", "must be positive")} says
     * {@code plugin.http-ingest.max-body: must be positive}. For checks the getters below do not make.
     */
    ConfigException invalid(String key, String problem);

    /** An integer of at least {@code min}. */
    default int atLeast(String key, int min, int fallback) {
        int v = integer(key, fallback);
        if (v < min) {
            throw invalid(key, "must be at least " + min + ", not " + v);
        }
        return v;
    }

    /** An integer of at least 1. */
    default int positive(String key, int fallback) {
        return atLeast(key, 1, fallback);
    }

    /** A long of at least {@code min}. */
    default long atLeast(String key, long min, long fallback) {
        long v = longValue(key, fallback);
        if (v < min) {
            throw invalid(key, "must be at least " + min + ", not " + v);
        }
        return v;
    }

    /** A size ({@link #bytes}) of at least one byte. */
    default long positiveBytes(String key, long fallback) {
        long v = bytes(key, fallback);
        if (v < 1) {
            throw invalid(key, "must be positive");
        }
        return v;
    }

    /** A duration ({@link #duration}, never negative) longer than zero. */
    default Duration positive(String key, Duration fallback) {
        Duration v = duration(key, fallback);
        if (v.isNegative() || v.isZero()) {
            throw invalid(key, "must be positive");
        }
        return v;
    }

    /** A number of at least {@code min}. */
    default double atLeast(String key, double min, double fallback) {
        double v = number(key, fallback);
        if (!(v >= min)) {
            throw invalid(key, "must be at least " + min + ", not " + v);
        }
        return v;
    }

    String string(String key, String fallback);

    int integer(String key, int fallback);

    long longValue(String key, long fallback);

    double number(String key, double fallback);

    boolean bool(String key, boolean fallback);

    /** A duration such as {@code 250ms}, {@code 30s}, {@code 30m}, {@code 2h}, or ISO-8601 ({@code PT30M}); a negative one is refused. */
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
