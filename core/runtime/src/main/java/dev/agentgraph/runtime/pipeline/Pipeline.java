package dev.agentgraph.runtime.pipeline;

import com.google.gson.JsonObject;
import dev.agentgraph.api.Emitter;
import dev.agentgraph.api.Event;
import dev.agentgraph.api.Rebuilds;
import dev.agentgraph.api.Snapshots;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event pipeline: a bounded inbound queue, one thread that runs every reducer in ascending
 * order, gives each event leaving the last reducer its sequence number, gives it to each inline
 * sink ({@link InlineSink}) and hands it to every other sink's own queue.
 *
 * <p>Everything that touches reducer state happens under one lock, {@code work}: events, ticks
 * (about once a second) and snapshots (a control message served between two events, so a snapshot
 * with {@code seq} N reflects exactly the events numbered up to N), and rebuilds (queued behind
 * the events before them: every reducer made anew and fed a recording, see {@link Rebuilds}).
 * The pipeline thread holds it for each message it takes; a source's thread that emits while
 * nothing waits and nobody holds it runs its event itself (see {@link #runHere}). Untyped events
 * still untyped after the last reducer are dropped and counted; history events reach reducers only.
 *
 * <p>Add reducers and sinks, then {@link #start()}; at shutdown, after the sources are closed,
 * {@link #drain(Duration)} then {@link #finishSinks(Duration)}.
 */
public final class Pipeline {

    /** Events that may wait in the inbound queue before sources block. */
    public static final int DEFAULT_QUEUE_SIZE = 65_536;
    /** Events that may wait for each sink before the newest are dropped. */
    public static final int DEFAULT_SINK_QUEUE_SIZE = 32_768;

    private static final Logger LOG = LoggerFactory.getLogger("agentgraph.pipeline");
    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long OFFER_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /**
     * An event emitted within this long after the last one was handled is part of a burst: it
     * queues, so that the pipeline thread runs it beside the source and the sinks gather the
     * burst into few frames. Run on the source's thread, one client at 150,000 events/s got
     * 0.66–0.83 × the floor's rate (every event its own frame, no pipelining). Half a
     * millisecond: a JVM that has not compiled the path yet parses a line in up to a few hundred
     * µs, and at 1,000 events/s a lone event still comes about 1 ms after the one before.
     */
    private static final long BURST_GAP_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
    /** How long an event larger than the inbound queue's whole budget waits for the pipeline to be idle before it queues. */
    private static final long OVERSIZED_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** How often such an event looks again whether the pipeline is idle. */
    private static final long OVERSIZED_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    private static final Duration SNAPSHOT_TIMEOUT = Duration.ofSeconds(30);
    private static final Object STOP = new Object();

    private final Clock clock;
    private final InboundQueue inbound;
    private final ComponentStats stats;
    private final Guard guard;
    private final SimpleCounter untyped;
    private final SimpleCounter history;
    private final List<ReducerStage> stages = new ArrayList<>();
    private final List<SinkRunner> sinks = new ArrayList<>();
    private final List<InlineSink> inlineSinks = new ArrayList<>();
    private final Thread thread;
    /**
     * Held by whichever thread runs the reducers and inline sinks. Messages leave the inbound
     * queue only under it, so events keep their order whichever thread runs them.
     */
    private final ReentrantLock work = new ReentrantLock();
    private final Snapshots snapshots = this::takeSnapshot;
    private final Rebuilds rebuilds = this::rebuild;
    private volatile boolean accepting = true;
    private volatile boolean running = true;
    /** From {@link #start()} until the pipeline thread stops: a source's thread may then run an event itself. */
    private volatile boolean serving;
    /** When the last event was done with ({@link System#nanoTime()}), for {@link #BURST_GAP_NANOS}. */
    private volatile long lastHandled = System.nanoTime();
    private volatile long lastSeq;
    private boolean started;
    /** While a rebuild feeds the reducers: whatever leaves them goes to no sink. */
    private boolean rebuilding;
    /** When the reducers tick next ({@link System#nanoTime()}); the pipeline thread's alone. */
    private long nextTick;
    /** While an inline sink runs: a snapshot it takes is the state after the last event. */
    private boolean inInlineSink;

    /** A pipeline whose own counters ({@code in}, {@code out}, drops, untyped, history) go to {@code stats}. */
    public Pipeline(Clock clock, int queueSize, ComponentStats stats) {
        this(clock, queueSize, QueueMemory.inboundBudget(), stats);
    }

    /** The same with the inbound queue's memory budget given (tests). */
    Pipeline(Clock clock, int queueSize, long inboundBudgetBytes, ComponentStats stats) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.inbound = new InboundQueue(queueSize, inboundBudgetBytes);
        this.stats = stats;
        this.guard = new Guard(stats, LOG);
        this.untyped = stats.counter("untyped_dropped");
        this.history = stats.counter("history");
        this.thread = new Thread(this::run, "agentgraph-pipeline");
        this.thread.setDaemon(true);
    }

    /** Adds a reducer stage; stages run in ascending order, ties in the order added. */
    public synchronized void addReducer(ReducerStage stage) {
        checkNotStarted();
        stages.add(stage);
        stages.sort(Comparator.comparingInt(ReducerStage::order));
    }

    public synchronized void addSink(SinkRunner sink) {
        checkNotStarted();
        sinks.add(sink);
    }

    /** Adds a sink that runs on the pipeline thread ({@link dev.agentgraph.api.Sink#inline()}). */
    public synchronized void addInlineSink(InlineSink sink) {
        checkNotStarted();
        inlineSinks.add(sink);
    }

    /** Starts the sink threads and the pipeline thread. */
    public synchronized void start() {
        checkNotStarted();
        started = true;
        sinks.forEach(SinkRunner::start);
        serving = true;
        thread.start();
    }

    /** Takes snapshots on the pipeline thread; usable before {@link #start()} (served once started). */
    public Snapshots snapshots() {
        return snapshots;
    }

    /** Rebuilds the reducers' state on the pipeline thread; usable before {@link #start()} (served once started). */
    public Rebuilds rebuilds() {
        return rebuilds;
    }

    /**
     * An emitter for a source (or any outside caller) whose emitted events count as {@code from}'s
     * events out. It blocks while the inbound queue is full; after shutdown began it drops.
     */
    public Emitter emitter(ComponentStats from) {
        return event -> {
            if (event == null) {
                new Guard(from, LOG).failed("emit", new NullPointerException("emitted a null event"));
                return;
            }
            from.out().increment();
            from.eventAt(clock.instant());
            enqueue(event);
        };
    }

    private void enqueue(Event event) {
        if (!accepting) {
            stats.drops().increment();
            return;
        }
        if (work.isHeldByCurrentThread()) {
            // A reducer calling a source's emitter must not wait for room it is itself holding up.
            if (inbound.offerNow(event)) {
                stats.in().increment();
            } else {
                stats.drops().increment();
            }
            return;
        }
        if (inbound.isOversized(event) ? runWhenIdle(event) : runHere(event)) {
            return;
        }
        try {
            while (!inbound.offer(event, OFFER_SLICE_NANOS)) {
                if (!accepting) {
                    stats.drops().increment();
                    return;
                }
            }
            stats.in().increment();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stats.drops().increment();
        }
    }

    /**
     * Runs a lone event through the reducers and sinks on the emitting thread when nothing waits
     * in the inbound queue and no other thread runs them: it then skips the hand-off to the
     * pipeline thread, about 20 µs of its latency on the 2-core machine (docs/performance.md).
     * False when it must queue: behind what waits, or as part of a burst.
     */
    private boolean runHere(Event event) {
        return System.nanoTime() - lastHandled >= BURST_GAP_NANOS && tryRun(event);
    }

    /**
     * An event larger than the inbound queue's whole budget (the tree of a large hook payload)
     * waits until the pipeline is idle and then runs on the emitting thread, rather than in the
     * queue: its source, an http route, then keeps the body's share of memory until the event is
     * handled. Queued, its tree was in no share, and large payloads in quick succession could fill
     * the heap. After {@link #OVERSIZED_WAIT_NANOS} it queues, alone, as before.
     */
    private boolean runWhenIdle(Event event) {
        long deadline = System.nanoTime() + OVERSIZED_WAIT_NANOS;
        while (accepting && !Thread.currentThread().isInterrupted() && System.nanoTime() - deadline < 0) {
            if (tryRun(event)) {
                return true;
            }
            LockSupport.parkNanos(OVERSIZED_POLL_NANOS);
        }
        return false;
    }

    /** Runs the event here if nothing waits and no other thread runs the reducers; false if it must queue. */
    private boolean tryRun(Event event) {
        if (!serving || !inbound.isEmpty() || !work.tryLock()) {
            return false;
        }
        try {
            if (!inbound.isEmpty()) {
                return false; // came in the meantime: this event goes behind it
            }
            stats.in().increment();
            handle(event);
            if (inbound.isEmpty()) {
                flushInlineSinks();
            }
            return true;
        } finally {
            work.unlock();
        }
    }

    /** The sequence number of the last event sent to sinks. */
    public long lastSeq() {
        return lastSeq;
    }

    /** Events waiting in the inbound queue. */
    public int queued() {
        return inbound.size();
    }

    public int queueCapacity() {
        return inbound.capacity();
    }

    /** Stops accepting events, processes those already queued, closes the reducers. */
    public boolean drain(Duration timeout) throws InterruptedException {
        accepting = false;
        if (!isStarted()) {
            running = false;
            return true;
        }
        inbound.control(STOP, false);
        thread.join(Math.max(1, timeout.toMillis()));
        if (thread.isAlive()) {
            LOG.warn("the pipeline did not drain within {} ms ({} events left); abandoning it",
                    timeout.toMillis(), inbound.size());
            running = false;
            return false;
        }
        return true;
    }

    /**
     * Closes the inline sinks (after {@link #drain}, the pipeline thread no longer runs them), lets
     * every other sink finish its queue and close; a sink that takes longer is abandoned.
     */
    public boolean finishSinks(Duration timeout) throws InterruptedException {
        List<SinkRunner> all;
        List<InlineSink> inline;
        synchronized (this) {
            all = List.copyOf(sinks);
            inline = List.copyOf(inlineSinks);
        }
        inline.forEach(InlineSink::close);
        all.forEach(SinkRunner::finish);
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean allDone = true;
        for (SinkRunner sink : all) {
            if (!sink.awaitFinished(Math.max(0, deadline - System.nanoTime()))) {
                LOG.warn("sink {} did not finish within {} ms ({} events left); abandoning it",
                        sink.id(), timeout.toMillis(), sink.queued());
                allDone = false;
            }
        }
        return allDone;
    }

    private synchronized boolean isStarted() {
        return started;
    }

    private void checkNotStarted() {
        if (started) {
            throw new IllegalStateException("the pipeline has started");
        }
    }

    private void run() {
        nextTick = System.nanoTime() + TICK_NANOS;
        try {
            while (serveOne()) {
                // one message or one tick at a time, so that sources may run events in between
            }
            work.lock();
            try {
                flushInlineSinks();
                stages.forEach(ReducerStage::close);
            } finally {
                work.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            serving = false;
            running = false;
            failPendingSnapshots();
        }
    }

    /**
     * Waits for a message until the tick is due, then, holding {@code work}, ticks if it is due or
     * handles one message; false once the message was the stop.
     */
    private boolean serveOne() throws InterruptedException {
        long wait = nextTick - System.nanoTime();
        if (wait > 0 && !inbound.awaitMessage(wait)) {
            return true; // the tick is due
        }
        work.lock();
        try {
            long now = System.nanoTime();
            if (now - nextTick >= 0) {
                tick();
                nextTick = Math.max(nextTick + TICK_NANOS, now + TICK_NANOS / 2);
            } else {
                Object message = inbound.poll();
                if (message == STOP) {
                    return false;
                }
                if (message != null) {
                    handle(message);
                }
            }
            if (inbound.isEmpty()) {
                flushInlineSinks(); // the end of a burst, or a lone event
            }
            return true;
        } finally {
            work.unlock();
        }
    }

    private void handle(Object message) {
        try {
            if (message instanceof Event event) {
                runFrom(0, event);
            } else if (message instanceof SnapshotRequest request) {
                request.result.complete(snapshot());
            } else if (message instanceof RebuildRequest request) {
                try {
                    rebuildNow(request.feed);
                } finally {
                    request.done.complete(null);
                }
            }
        } catch (Throwable t) {
            // Guards catch plugin failures; anything here is the pipeline's own bug. Keep running.
            Guard.rethrowIfFatal(t);
            guard.failed("pipeline", t);
        } finally {
            lastHandled = System.nanoTime();
        }
    }

    /** Sends {@code event} through stage {@code index} and the ones after it. */
    private void runFrom(int index, Event event) {
        if (index == stages.size()) {
            leave(event);
            return;
        }
        ReducerStage stage = stages.get(index);
        stage.stats().in().increment();
        StageEmitter derived = new StageEmitter(stage.guard());
        Event[] result = {event};
        stage.guard().run("reduce", () -> result[0] = stage.reducer().reduce(event, derived));
        passOn(index, derived.close(), stage);
        if (result[0] != null) {
            stage.stats().out().increment();
            runFrom(index + 1, result[0]);
        }
    }

    private void passOn(int index, List<Event> derived, ReducerStage stage) {
        for (Event d : derived) {
            stage.stats().out().increment();
            runFrom(index + 1, d);
        }
    }

    private void leave(Event event) {
        if (!event.isTyped()) {
            untyped.increment();
            return;
        }
        if (event.isHistory() || rebuilding) {
            history.increment();
            return;
        }
        long seq = lastSeq + 1;
        lastSeq = seq;
        Event numbered = Numbering.number(event, seq);
        stats.out().increment();
        inInlineSink = true;
        try {
            for (InlineSink sink : inlineSinks) {
                sink.accept(numbered);
            }
        } finally {
            inInlineSink = false;
        }
        QueueMemory.Queued queued = QueueMemory.Queued.of(numbered); // sized once for every sink
        for (SinkRunner sink : sinks) {
            sink.offer(queued);
        }
    }

    private void flushInlineSinks() {
        inInlineSink = true;
        try {
            for (InlineSink sink : inlineSinks) {
                sink.flush();
            }
        } finally {
            inInlineSink = false;
        }
    }

    private void tick() {
        var now = clock.instant();
        for (int i = 0; i < stages.size(); i++) {
            ReducerStage stage = stages.get(i);
            StageEmitter derived = new StageEmitter(stage.guard());
            stage.guard().run("tick", () -> stage.reducer().tick(now, derived));
            passOn(i, derived.close(), stage);
        }
    }

    private Snapshots.Snapshot snapshot() {
        long seq = lastSeq;
        JsonObject body = new JsonObject();
        body.addProperty("type", "snapshot");
        body.addProperty("seq", seq);
        for (ReducerStage stage : stages) {
            stage.guard().run("snapshot", () -> stage.reducer().snapshot(body));
        }
        // A reducer must not be able to change what the snapshot claims to be.
        body.addProperty("type", "snapshot");
        body.addProperty("seq", seq);
        return new Snapshots.Snapshot(seq, body);
    }

    private Snapshots.Snapshot takeSnapshot() throws InterruptedException {
        if (work.isHeldByCurrentThread() && inInlineSink) {
            return snapshot(); // between two events, as a queued request would be served
        }
        if (work.isHeldByCurrentThread()) {
            throw new IllegalStateException("Snapshots.take() was called on the pipeline thread; call it from a sink or server thread");
        }
        if (!running) {
            throw new IllegalStateException("the pipeline has stopped");
        }
        SnapshotRequest request = new SnapshotRequest();
        inbound.control(request, true);
        try {
            return request.result.get(SNAPSHOT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("no snapshot: " + e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("no snapshot within " + SNAPSHOT_TIMEOUT.toSeconds() + " s: the pipeline is stuck in a reducer");
        }
    }

    private void rebuild(Consumer<Emitter> feed) throws InterruptedException {
        Objects.requireNonNull(feed, "feed");
        if (work.isHeldByCurrentThread()) {
            throw new IllegalStateException("Rebuilds.rebuild() was called on the pipeline thread; call it from a source's thread");
        }
        if (!running) {
            throw new IllegalStateException("the pipeline has stopped");
        }
        RebuildRequest request = new RebuildRequest(feed);
        inbound.control(request, false);
        try {
            request.done.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("no rebuild: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Makes every reducer anew, feeds it the recording as played now, and tells the sinks. */
    private void rebuildNow(Consumer<Emitter> feed) {
        stages.forEach(ReducerStage::renew);
        Emitter played = event -> {
            if (event != null) {
                runFrom(0, event);
            }
        };
        rebuilding = true;
        try {
            guard.run("rebuild", () -> feed.accept(played));
        } finally {
            rebuilding = false;
        }
        leave(Event.builder(Rebuilds.REBUILT).build());
        LOG.info("state rebuilt: every reducer made anew and fed the recording");
    }

    private void failPendingSnapshots() {
        Object message;
        while ((message = inbound.poll()) != null) {
            if (message instanceof SnapshotRequest request) {
                request.result.completeExceptionally(new IllegalStateException("the pipeline has stopped"));
            } else if (message instanceof RebuildRequest request) {
                request.done.completeExceptionally(new IllegalStateException("the pipeline has stopped"));
            }
        }
    }

    /** A rebuild asked for by a source's thread, done by the pipeline thread. */
    private static final class RebuildRequest {
        final Consumer<Emitter> feed;
        final CompletableFuture<Void> done = new CompletableFuture<>();

        RebuildRequest(Consumer<Emitter> feed) {
            this.feed = feed;
        }
    }

    /** A snapshot asked for by another thread, answered by the pipeline thread. */
    private static final class SnapshotRequest {
        final CompletableFuture<Snapshots.Snapshot> result = new CompletableFuture<>();
    }
}
