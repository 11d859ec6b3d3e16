package dev.agentgraph.runtime.config;

import dev.agentgraph.api.ConfigException;
import dev.agentgraph.api.PluginConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * One component's view of the settings: {@code plugin.<id>.<key>} read as {@code <key>}. It records
 * every key a getter asked for, so that the host can report a configured key that nothing read
 * (usually a typo) as unknown.
 */
public final class ComponentConfig implements PluginConfig {

    private final Settings settings;
    private final String prefix;
    private final Set<String> read = ConcurrentHashMap.newKeySet();

    public ComponentConfig(Settings settings, String componentId) {
        this.settings = settings;
        this.prefix = CoreConfig.PLUGIN_PREFIX + componentId + ".";
    }

    /** The full key of a component key: {@code max-line} → {@code plugin.jsonl-tail.max-line}. */
    public String fullKey(String key) {
        return prefix + key;
    }

    /** Marks a component key as known without reading it (the host reads {@code enabled} itself). */
    public void markRead(String key) {
        read.add(fullKey(key));
    }

    /** The full keys configured for this component that no getter asked for. */
    public Set<String> unreadKeys() {
        Set<String> unread = new java.util.TreeSet<>();
        for (String key : settings.keys()) {
            if (key.startsWith(prefix) && !read.contains(key)) {
                unread.add(key);
            }
        }
        return unread;
    }

    @Override
    public ConfigException invalid(String key, String problem) {
        return new ConfigException(fullKey(key), problem);
    }

    @Override
    public String string(String key, String fallback) {
        return get(key, fallback, (k, v) -> v);
    }

    @Override
    public int integer(String key, int fallback) {
        return get(key, fallback, Values::integer);
    }

    @Override
    public long longValue(String key, long fallback) {
        return get(key, fallback, Values::longValue);
    }

    @Override
    public double number(String key, double fallback) {
        return get(key, fallback, Values::number);
    }

    @Override
    public boolean bool(String key, boolean fallback) {
        return get(key, fallback, Values::bool);
    }

    @Override
    public Duration duration(String key, Duration fallback) {
        return get(key, fallback, Values::duration);
    }

    @Override
    public long bytes(String key, long fallback) {
        return get(key, fallback, Values::bytes);
    }

    @Override
    public Path path(String key, Path fallback) {
        return get(key, fallback, Values::path);
    }

    @Override
    public Map<String, String> withPrefix(String keyPrefix) {
        String full = fullKey(keyPrefix);
        Map<String, String> found = new TreeMap<>();
        for (String key : settings.keys()) {
            if (key.startsWith(full)) {
                read.add(key);
                settings.get(key).ifPresent(v -> found.put(key.substring(full.length()), v));
            }
        }
        return found;
    }

    /** An empty value means the default, as for the platform's keys. */
    private <T> T get(String key, T fallback, BiFunction<String, String, T> parse) {
        String full = fullKey(key);
        read.add(full);
        return settings.get(full).filter(v -> !v.isBlank()).map(v -> parse.apply(full, v)).orElse(fallback);
    }
}
