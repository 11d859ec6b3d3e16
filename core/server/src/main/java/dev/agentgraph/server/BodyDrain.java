package dev.agentgraph.server;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads and drops the rest of a refused request's body once its answer is written, for at most
 * {@link #LINGER} and {@link #MAX_BYTES}, and then lets the connection close. A client that writes
 * its whole body before it reads the answer (Node's {@code fetch}, which Claude Code's http hooks
 * use) otherwise met the connection closed under it (EPIPE, once in six 8 MB posts) instead of the
 * 413 or 503. Like {@link BodyReader} it holds no thread: it takes what Jetty has, then asks to be
 * called back when more arrives.
 */
final class BodyDrain implements Runnable {

    /** The longest a refused body is read on; a slower client meets the close. */
    static final Duration LINGER = Duration.ofSeconds(2);
    /** The most bytes of a refused body that are read and dropped. */
    static final long MAX_BYTES = 64L << 20;

    private final Request request;
    private final Callback done;
    private final AtomicBoolean finished = new AtomicBoolean();
    private long dropped;
    private volatile Scheduler.Task deadline;

    private BodyDrain(Request request, Callback done) {
        this.request = request;
        this.done = done;
    }

    /** Starts dropping the body; {@code done} succeeds at its end, at the bound, or at the deadline. */
    static void drain(Request request, Callback done) {
        BodyDrain drain = new BodyDrain(request, done);
        if (drain.drain()) {
            Scheduler.Task task = request.getComponents().getScheduler()
                    .schedule(drain::finish, LINGER.toMillis(), TimeUnit.MILLISECONDS);
            drain.deadline = task;
            if (drain.finished.get()) {
                task.cancel(); // finished before the timer was set
            }
        }
    }

    /** Called by Jetty when more of the body is there. */
    @Override
    public void run() {
        drain();
    }

    /** Drops every chunk Jetty has; true when it waits for more. */
    private boolean drain() {
        while (!finished.get()) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return true;
            }
            boolean end = chunk.isLast() || Content.Chunk.isFailure(chunk);
            dropped += chunk.remaining();
            chunk.release();
            if (end || dropped > MAX_BYTES) {
                finish();
                return false;
            }
        }
        return false;
    }

    private void finish() {
        if (finished.compareAndSet(false, true)) {
            Scheduler.Task d = deadline;
            if (d != null) {
                d.cancel();
            }
            done.succeeded();
        }
    }
}
