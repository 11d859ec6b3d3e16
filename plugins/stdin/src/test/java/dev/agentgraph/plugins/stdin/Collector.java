package dev.agentgraph.plugins.stdin;

import dev.agentgraph.api.Counter;
import dev.agentgraph.api.Emitter;
import dev.agentgraph.api.Event;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Collects what a source emits, and its counters. */
final class Collector implements Emitter, Function<String, Counter> {

    final List<Event> events = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    @Override
    public void emit(Event event) {
        events.add(event);
    }

    @Override
    public Counter apply(String name) {
        AtomicLong value = counters.computeIfAbsent(name, n -> new AtomicLong());
        return new Counter() {
            @Override
            public void add(long n) {
                value.addAndGet(n);
            }

            @Override
            public long get() {
                return value.get();
            }
        };
    }

    long count(String name) {
        AtomicLong value = counters.get(name);
        return value == null ? 0 : value.get();
    }

    /** The {@code id} of each event, in order. */
    List<String> ids() {
        return events.stream().map(e -> e.string("id", "?")).collect(Collectors.toList());
    }
}
