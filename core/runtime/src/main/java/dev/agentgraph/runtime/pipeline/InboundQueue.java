package dev.agentgraph.runtime.pipeline;

import dev.agentgraph.api.Event;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline's inbound queue: at most {@code capacity} events wait (a source blocks while it is
 * full), and control messages (snapshot requests, stop) pass without taking room. An urgent control
 * message jumps ahead of waiting events; the stop message queues behind them so they drain first.
 */
final class InboundQueue {

    private final LinkedBlockingDeque<Object> deque = new LinkedBlockingDeque<>();
    private final Semaphore room;
    private final int capacity;

    InboundQueue(int capacity) {
        this.capacity = capacity;
        this.room = new Semaphore(capacity);
    }

    /** Adds an event, waiting up to {@code nanos} for room; false if there was none. */
    boolean offer(Event event, long nanos) throws InterruptedException {
        if (!room.tryAcquire(nanos, TimeUnit.NANOSECONDS)) {
            return false;
        }
        deque.offerLast(event);
        return true;
    }

    /** Adds an event only if there is room now. */
    boolean offerNow(Event event) {
        if (!room.tryAcquire()) {
            return false;
        }
        deque.offerLast(event);
        return true;
    }

    void control(Object message, boolean urgent) {
        if (urgent) {
            deque.offerFirst(message);
        } else {
            deque.offerLast(message);
        }
    }

    /** The next message, or null after {@code nanos}. */
    Object poll(long nanos) throws InterruptedException {
        Object message = deque.poll(nanos, TimeUnit.NANOSECONDS);
        if (message instanceof Event) {
            room.release();
        }
        return message;
    }

    int size() {
        return capacity - room.availablePermits();
    }

    int capacity() {
        return capacity;
    }
}
