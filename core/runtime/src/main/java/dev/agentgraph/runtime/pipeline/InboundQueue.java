package dev.agentgraph.runtime.pipeline;

import dev.agentgraph.api.Event;
import java.util.ArrayDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The pipeline's inbound queue: at most {@code capacity} events, and at most {@code budgetBytes}
 * of them by {@link Event#sizeHint()} ({@link QueueMemory}), wait; a source blocks while either is
 * full. Control messages (snapshot requests, rebuilds, stop) pass without taking room. An urgent
 * control message jumps ahead of waiting events; the others queue behind them. The pipeline can
 * wait for a message without taking it ({@link #awaitMessage}), so that it takes messages only
 * while it holds its own lock (see {@link Pipeline}).
 */
final class InboundQueue {

    private final ArrayDeque<Object> deque = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Semaphore room;
    private final Semaphore kib;
    private final int capacity;
    private final int budgetKib;

    InboundQueue(int capacity, long budgetBytes) {
        this.capacity = capacity;
        this.budgetKib = (int) Math.max(1, Math.min(Integer.MAX_VALUE, budgetBytes / 1024));
        this.room = new Semaphore(capacity);
        this.kib = new Semaphore(budgetKib);
    }

    /** Adds an event, waiting up to {@code nanos} for room; false if there was none. */
    boolean offer(Event event, long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        if (!room.tryAcquire(nanos, TimeUnit.NANOSECONDS)) {
            return false;
        }
        QueueMemory.Queued q = QueueMemory.Queued.of(event);
        if (!kib.tryAcquire(kib(q), Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            room.release();
            return false;
        }
        add(q, false);
        return true;
    }

    /** Adds an event only if there is room now. */
    boolean offerNow(Event event) {
        if (!room.tryAcquire()) {
            return false;
        }
        QueueMemory.Queued q = QueueMemory.Queued.of(event);
        if (!kib.tryAcquire(kib(q))) {
            room.release();
            return false;
        }
        add(q, false);
        return true;
    }

    void control(Object message, boolean urgent) {
        add(message, urgent);
    }

    private void add(Object message, boolean first) {
        lock.lock();
        try {
            if (first) {
                deque.addFirst(message);
            } else {
                deque.addLast(message);
            }
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code nanos} until a message waits, without taking it; whether one does. */
    boolean awaitMessage(long nanos) throws InterruptedException {
        lock.lock();
        try {
            long left = nanos;
            while (deque.isEmpty() && left > 0) {
                left = notEmpty.awaitNanos(left);
            }
            return !deque.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Whether no event and no control message waits. */
    boolean isEmpty() {
        lock.lock();
        try {
            return deque.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** The next event or control message, or null when none waits ({@link #awaitMessage} waits for one). */
    Object poll() {
        Object message;
        lock.lock();
        try {
            message = deque.pollFirst();
        } finally {
            lock.unlock();
        }
        if (message instanceof QueueMemory.Queued q) {
            room.release();
            kib.release(kib(q));
            return q.event();
        }
        return message;
    }

    /** Whole KiB, at least one; an event over the whole budget takes all of it. */
    private int kib(QueueMemory.Queued q) {
        return (int) Math.min(budgetKib, Math.max(1, (q.bytes() + 1023L) / 1024));
    }

    int size() {
        return capacity - room.availablePermits();
    }

    /** Whether the event is larger, by its size hint, than the whole memory budget. */
    boolean isOversized(Event event) {
        return event.sizeHint() > budgetKib * 1024L;
    }

    int capacity() {
        return capacity;
    }
}
