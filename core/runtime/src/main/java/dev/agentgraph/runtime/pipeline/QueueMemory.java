package dev.agentgraph.runtime.pipeline;

import dev.agentgraph.api.Event;

/**
 * What the pipeline's queues may hold in memory, besides their bounds in events: the inbound
 * queue, and each sink's queue, at most a quarter of the heap each ({@link Event#sizeHint()}
 * per event). Counts alone did not bound memory: 65,536 parsed hook lines of 3 KiB are 200 MiB,
 * three times the launcher's heap. A quarter each leaves room for the live state and for what a
 * slow sink still holds while the inbound queue refills. One event larger than a whole budget
 * still passes, alone.
 */
final class QueueMemory {

    private QueueMemory() {
    }

    /** The bytes one queue may hold in a JVM whose heap may grow to {@code maxHeap}. */
    static long budget(long maxHeap) {
        return Math.max(1L << 20, maxHeap / 4);
    }

    /** The bytes for one queue in this JVM. */
    static long budget() {
        return budget(Runtime.getRuntime().maxMemory());
    }

    /** An event with what it was counted at when queued (its hint may change later, once its text is written). */
    record Queued(Event event, int bytes) {
        static Queued of(Event event) {
            return new Queued(event, event.sizeHint());
        }
    }
}
