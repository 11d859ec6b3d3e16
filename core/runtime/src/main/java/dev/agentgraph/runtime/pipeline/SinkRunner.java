package dev.agentgraph.runtime.pipeline;

import dev.agentgraph.api.Event;
import dev.agentgraph.api.Sink;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Feeds one sink from its own bounded queue on its own daemon thread. When the queue is full (in
 * events, or in memory: {@link QueueMemory}) the newest event is dropped and counted, so a slow or
 * stuck sink never holds up the pipeline or another sink. A stuck sink's thread is abandoned at shutdown (it is a daemon).
 */
public final class SinkRunner {

    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final String id;
    private final Sink sink;
    private final ComponentStats stats;
    private final Guard guard;
    private final BlockingQueue<QueueMemory.Queued> queue;
    private final long budgetBytes;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final Thread thread;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean closing;

    public SinkRunner(String id, Sink sink, ComponentStats stats, Guard guard, int capacity) {
        this(id, sink, stats, guard, capacity, QueueMemory.sinkBudget());
    }

    /** A runner whose queue holds at most {@code capacity} events and {@code budgetBytes} of them by size hint. */
    SinkRunner(String id, Sink sink, ComponentStats stats, Guard guard, int capacity, long budgetBytes) {
        this.id = id;
        this.budgetBytes = budgetBytes;
        this.sink = sink;
        this.stats = stats;
        this.guard = guard;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "agentgraph-sink-" + id);
        this.thread.setDaemon(true);
    }

    public String id() {
        return id;
    }

    void start() {
        thread.start();
    }

    /**
     * Queues an event, or drops and counts it when the queue is full, in events or in memory (an
     * event larger than the whole budget still passes when the queue is empty). Never blocks.
     */
    void offer(QueueMemory.Queued q) {
        long after = queuedBytes.addAndGet(q.bytes());
        if ((after > budgetBytes && after != q.bytes()) || !queue.offer(q)) {
            queuedBytes.addAndGet(-q.bytes());
            stats.drops().increment();
        }
    }

    int queued() {
        return queue.size();
    }

    /** Asks the sink to finish what is queued, then close. */
    void finish() {
        closing = true;
    }

    /** Waits until the sink has closed; false if it did not in time. */
    boolean awaitFinished(long nanos) throws InterruptedException {
        return finished.await(nanos, TimeUnit.NANOSECONDS);
    }

    private void run() {
        try {
            while (true) {
                QueueMemory.Queued q = queue.poll(IDLE_POLL_NANOS, TimeUnit.NANOSECONDS);
                if (q == null) {
                    if (closing) {
                        break;
                    }
                    continue;
                }
                queuedBytes.addAndGet(-q.bytes());
                Event event = q.event();
                stats.in().increment();
                if (guard.run("accept", () -> sink.accept(event))) {
                    stats.out().increment();
                }
                if (queue.isEmpty()) {
                    guard.run("flush", sink::flush);
                }
            }
            guard.run("flush", sink::flush);
            guard.run("close", sink::close);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finished.countDown();
        }
    }
}
