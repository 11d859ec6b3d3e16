package dev.agentgraph.api;

/** A configuration value that cannot be used; the message names the key. */
public final class ConfigException extends RuntimeException {

    private final String key;

    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    /** The full key, such as {@code plugin.jsonl-tail.max-line}. */
    public String key() {
        return key;
    }
}
