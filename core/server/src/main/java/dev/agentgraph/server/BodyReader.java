package dev.agentgraph.server;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request body whole without holding a thread while the client is slow: it takes what
 * Jetty has, then asks to be called back when more arrives ({@link Content.Source#demand}), so a
 * client that sends one byte every few seconds costs a buffer, not a thread. A total deadline ends
 * the read however steadily the bytes trickle in (each byte resets the idle timeout, so the idle
 * timeout alone does not).
 *
 * <p>Exactly one of the {@link Outcome}'s methods is called, once, on a Jetty thread.
 */
final class BodyReader implements Runnable {

    /** What became of the body. */
    interface Outcome {
        void read(byte[] body);

        /** More than the cap arrived; the rest is left unread. */
        void tooLarge();

        /** The deadline passed before the last byte. */
        void timedOut();

        /** The client went away or sent a broken body. */
        void failed(Throwable cause);
    }

    private static final int INITIAL_MAX = 64 * 1024;

    private final Request request;
    private final int max;
    private final Outcome outcome;
    private final AtomicBoolean finished = new AtomicBoolean();
    private byte[] bytes;
    private int size;
    private volatile Scheduler.Task deadline;

    private BodyReader(Request request, int max, Outcome outcome) {
        this.request = request;
        this.max = max;
        this.outcome = outcome;
        // Sized to the declared length, but not beyond what a first read could fill: a client can
        // declare a megabyte and send nothing.
        long declared = request.getLength();
        this.bytes = new byte[(int) Math.min(Math.min(max, INITIAL_MAX), declared >= 0 ? declared : 8192)];
    }

    /**
     * Starts reading; returns at once. The deadline is only set when the body is not all there
     * yet: a small body usually arrives with the headers and is read here whole, without
     * scheduling (and cancelling) a timer for it.
     */
    static void read(Request request, int max, Duration deadline, Outcome outcome) {
        BodyReader reader = new BodyReader(request, max, outcome);
        if (reader.drain()) {
            Scheduler.Task task = request.getComponents().getScheduler()
                    .schedule(reader::expire, deadline.toMillis(), TimeUnit.MILLISECONDS);
            reader.deadline = task;
            if (reader.finished.get()) {
                // The rest arrived (or failed) before the timer was set: finish() could not cancel it.
                task.cancel();
            }
        }
    }

    /** Called by Jetty when more of the body is there. */
    @Override
    public void run() {
        drain();
    }

    /**
     * Reads every chunk Jetty has; when none is left, asks to be run again when there is.
     * True when it is waiting for more.
     */
    private boolean drain() {
        while (!finished.get()) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return true;
            }
            if (Content.Chunk.isFailure(chunk)) {
                // An idle timeout is a transient failure; for a whole-body read it is as final as any.
                Throwable cause = chunk.getFailure();
                if (finish()) {
                    if (cause instanceof TimeoutException) {
                        outcome.timedOut();
                    } else {
                        outcome.failed(cause);
                    }
                }
                return false;
            }
            boolean fits = append(chunk.getByteBuffer());
            boolean last = chunk.isLast();
            chunk.release();
            if (!fits) {
                if (finish()) {
                    outcome.tooLarge();
                }
                return false;
            }
            if (last) {
                if (finish()) {
                    outcome.read(size == bytes.length ? bytes : Arrays.copyOf(bytes, size));
                }
                return false;
            }
        }
        return false;
    }

    private void expire() {
        if (finish()) {
            request.fail(new TimeoutException("request body not complete within the deadline"));
            outcome.timedOut();
        }
    }

    /** True for the one caller that gets to report the outcome. */
    private boolean finish() {
        if (!finished.compareAndSet(false, true)) {
            return false;
        }
        Scheduler.Task d = deadline;
        if (d != null) {
            d.cancel();
        }
        return true;
    }

    private boolean append(ByteBuffer data) {
        int n = data.remaining();
        if (n > max - size) {
            return false;
        }
        if (n > bytes.length - size) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(max, Math.max((long) bytes.length * 2, (long) size + n)));
        }
        data.get(bytes, size, n);
        size += n;
        return true;
    }
}
