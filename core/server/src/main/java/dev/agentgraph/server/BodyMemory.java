package dev.agentgraph.server;

import dev.agentgraph.api.Routes;

/**
 * How much heap the request bodies in flight may take: every body being read or handled by its
 * route counts {@link Routes#BODY_WORKING_FACTOR} times its length, and together they stay within
 * the capacity, half the heap by default. Without it, four 2 MB hook payloads posted at once
 * filled a 64 MiB heap and the launcher's JVM exited on the OutOfMemoryError.
 *
 * <p>The policy: a body that would not fit even alone is answered 413 ({@link #largestBody()});
 * one that does not fit beside those in flight is answered 503 with {@code Retry-After}, at once
 * (a waiting request would hold a server thread). Bodies of a few KiB, every hook's and every
 * OTLP batch's, never come near it.
 */
final class BodyMemory {

    private final long capacity;
    private long used;

    /** A budget of {@code capacity} bytes of heap. */
    BodyMemory(long capacity) {
        this.capacity = capacity;
    }

    /** Half of this JVM's heap. */
    static BodyMemory halfTheHeap() {
        return new BodyMemory(Runtime.getRuntime().maxMemory() / 2);
    }

    /** The longest body that fits when no other is in flight. */
    long largestBody() {
        return capacity / Routes.BODY_WORKING_FACTOR;
    }

    /** Takes the share of a body of {@code length} bytes; false (nothing taken) when it does not fit now. */
    synchronized boolean tryTake(long length) {
        long cost = length * Routes.BODY_WORKING_FACTOR;
        if (cost > capacity - used) {
            return false;
        }
        used += cost;
        return true;
    }

    /** Gives back the share {@link #tryTake} took for a body of {@code length} bytes. */
    synchronized void give(long length) {
        used -= length * Routes.BODY_WORKING_FACTOR;
    }

    /** Bytes of heap taken now by the bodies in flight. */
    synchronized long used() {
        return used;
    }
}
