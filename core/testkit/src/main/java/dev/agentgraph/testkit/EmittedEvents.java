package dev.agentgraph.testkit;

import dev.agentgraph.api.Counter;
import dev.agentgraph.api.Emitter;
import dev.agentgraph.api.Event;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Collects what a source emits, and the counters it makes, for testing a source without a
 * server: pass it as the {@link Emitter} and as the counter factory.
 */
public final class EmittedEvents implements Emitter, Function<String, Counter> {

    /** Every event emitted so far, in order. */
    public final List<Event> events = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    @Override
    public void emit(Event event) {
        events.add(event);
    }

    /** The counter of that name, made on first use. */
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

    /** A counter's value; 0 if it was never made. */
    public long count(String name) {
        AtomicLong value = counters.get(name);
        return value == null ? 0 : value.get();
    }

    /** The {@code id} of each event, in order ({@code ?} where it has none). */
    public List<String> ids() {
        return events.stream().map(e -> e.string("id", "?")).toList();
    }
}
