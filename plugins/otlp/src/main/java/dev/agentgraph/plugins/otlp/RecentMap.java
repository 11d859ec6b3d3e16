package dev.agentgraph.plugins.otlp;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that forgets: at most {@code capacity} entries (the least recently touched goes first) and
 * none untouched for longer than {@code ttlMillis} (times in milliseconds). Kept in touch order. Not thread-safe; its owner locks.
 */
final class RecentMap<V> {

    private record Entry<V>(V value, long touched) {
    }

    private final int capacity;
    private final long ttlMillis;
    private final LinkedHashMap<String, Entry<V>> entries;

    RecentMap(int capacity, long ttlMillis) {
        this.capacity = capacity;
        this.ttlMillis = ttlMillis;
        this.entries = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry<V>> eldest) {
                return size() > RecentMap.this.capacity;
            }
        };
    }

    /** The value, touched now; {@code null} when absent. */
    V get(String key, long now) {
        Entry<V> e = entries.remove(key);
        if (e == null) {
            return null;
        }
        entries.put(key, new Entry<>(e.value(), now));
        return e.value();
    }

    /** The value without touching it. */
    V peek(String key) {
        Entry<V> e = entries.get(key);
        return e == null ? null : e.value();
    }

    boolean contains(String key) {
        return entries.containsKey(key);
    }

    void put(String key, V value, long now) {
        entries.remove(key);
        entries.put(key, new Entry<>(value, now));
    }

    void remove(String key) {
        entries.remove(key);
    }

    int size() {
        return entries.size();
    }

    /** Drops what was not touched within the ttl; the eldest come first, so this stops early. */
    void expire(long now) {
        Iterator<Entry<V>> it = entries.values().iterator();
        while (it.hasNext()) {
            if (now - it.next().touched() <= ttlMillis) {
                return;
            }
            it.remove();
        }
    }
}
