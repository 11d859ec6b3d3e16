package dev.agentgraph.runtime.pipeline;

import dev.agentgraph.api.Event;

/**
 * What the pipeline's queues may hold in memory, besides their bounds in events
 * ({@link Event#sizeHint()} per event). Counts alone did not bound memory: 65,536 parsed hook lines
 * of 3 KiB are 200 MiB, three times the launcher's heap.
 *
 * <p>Each sink's queue may hold a quarter of the heap: a sink whose queue is full loses events,
 * so it gets the room. The inbound queue only a sixteenth: a source whose queue is full waits (a
 * file's backlog stays in the file, an http post is answered a little later), so more room there
 * would buy nothing under overload but live data that every young collection copies. With a
 * quarter there too, one client at 150,000 events/s spent 6.5 µs an event in the collector and
 * got 0.62 × the floor's rate; with a sixteenth, 1.1 µs (see docs/performance.md). One event
 * larger than a whole budget still passes, alone.
 */
final class QueueMemory {

    private QueueMemory() {
    }

    /** The bytes one sink's queue may hold in a JVM whose heap may grow to {@code maxHeap}. */
    static long sinkBudget(long maxHeap) {
        return Math.max(1L << 20, maxHeap / 4);
    }

    /** The bytes the inbound queue may hold in a JVM whose heap may grow to {@code maxHeap}. */
    static long inboundBudget(long maxHeap) {
        return Math.max(1L << 20, maxHeap / 16);
    }

    /** The bytes for one sink's queue in this JVM. */
    static long sinkBudget() {
        return sinkBudget(Runtime.getRuntime().maxMemory());
    }

    /** The bytes for the inbound queue in this JVM. */
    static long inboundBudget() {
        return inboundBudget(Runtime.getRuntime().maxMemory());
    }

    /** An event with what it was counted at when queued (its hint may change later, once its text is written). */
    record Queued(Event event, int bytes) {
        static Queued of(Event event) {
            return new Queued(event, event.sizeHint());
        }
    }
}
