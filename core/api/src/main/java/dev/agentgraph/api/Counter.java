package dev.agentgraph.api;

/** A monotonic, thread-safe count shown in {@code /api/stats}. */
public interface Counter {

    void add(long n);

    default void increment() {
        add(1);
    }

    long get();
}
