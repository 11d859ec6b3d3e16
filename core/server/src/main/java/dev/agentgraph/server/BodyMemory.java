package dev.agentgraph.server;

import dev.agentgraph.api.Routes;

/**
 * How much heap the request bodies in flight may take, within the capacity (half the heap by
 * default). A body being read takes its length (what it may grow to); once read, while its route
 * works on it, {@link Routes#BODY_WORKING_FACTOR} times its length (the bytes, their text, the
 * parsed tree, what the route makes of it). Without it, four 2 MB hook payloads posted at once
 * filled a 64 MiB heap and the launcher's JVM exited on the OutOfMemoryError.
 *
 * <p>The policy: a body that would not fit even alone is answered 413 ({@link #largestBody()});
 * one that does not fit beside those in flight is answered 503 with {@code Retry-After}, at once
 * (a waiting request would hold a server thread). A slow uploader holds only its length, not its
 * working share, so it cannot shut the others out by declaring a large body. Bodies of a few KiB,
 * every hook's and every OTLP batch's, never come near it.
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

    /** The heap a body of {@code length} bytes takes while its route works on it. */
    static long working(long length) {
        return length * Routes.BODY_WORKING_FACTOR;
    }

    /** The longest body whose working share fits when no other body is in flight. */
    long largestBody() {
        return capacity / Routes.BODY_WORKING_FACTOR;
    }

    /** Takes {@code bytes} of the budget; false (nothing taken) when they do not fit now. */
    synchronized boolean tryTake(long bytes) {
        if (bytes > capacity - used) {
            return false;
        }
        used += bytes;
        return true;
    }

    /** Gives back {@code bytes} that {@link #tryTake} took. */
    synchronized void give(long bytes) {
        used -= bytes;
    }

    /** Bytes of the budget taken now by the bodies in flight. */
    synchronized long used() {
        return used;
    }
}
