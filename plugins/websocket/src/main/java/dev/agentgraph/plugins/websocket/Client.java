package dev.agentgraph.plugins.websocket;

import dev.agentgraph.api.Snapshots.Snapshot;
import dev.agentgraph.api.WebSocketConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One connected client: joins with a snapshot, then gets every event with a greater sequence
 * number, and never has more than a bounded number of frames (and characters) outstanding. A
 * client past the bound is handed to {@code onTooSlow} once and sent nothing more.
 *
 * <p>Joining without a gap: the client is registered (not yet live) before the snapshot is taken,
 * so every batch the sink offers after that is either held here or sent live; events handled
 * before it was registered are already in the snapshot. On joining, held events with a sequence
 * number up to the snapshot's are dropped, the others sent after it. After a rebuild of the
 * state ({@link #resync}) the same holds for the new snapshot.
 */
final class Client {

    private final WebSocketConnection connection;
    private final int maxFrames;
    private final long maxChars;
    private final Consumer<Client> onTooSlow;
    private final Consumer<Throwable> onSendFailure;
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicLong outstandingChars = new AtomicLong();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile boolean live;
    private long joinedAt;
    private List<Batch> held = new ArrayList<>();
    /** A rebuild's snapshot that came while joining; it supersedes an older join snapshot. */
    private Snapshot rebuilt;

    Client(WebSocketConnection connection, int maxFrames, long maxChars, Consumer<Client> onTooSlow,
            Consumer<Throwable> onSendFailure) {
        this.connection = connection;
        this.maxFrames = maxFrames;
        this.maxChars = maxChars;
        this.onTooSlow = onTooSlow;
        this.onSendFailure = onSendFailure;
    }

    WebSocketConnection connection() {
        return connection;
    }

    /** Sends the snapshot first, then the events held meanwhile that it does not cover. */
    synchronized void join(Snapshot taken) {
        Snapshot snapshot = rebuilt != null && rebuilt.seq() > taken.seq() ? rebuilt : taken;
        rebuilt = null;
        send(snapshot.body().toString());
        for (Batch b : held) {
            sendAfter(b, snapshot.seq());
        }
        held = null;
        joinedAt = snapshot.seq();
        live = true;
    }

    /**
     * The state was rebuilt: {@code snapshot} (taken after the rebuild, on the sink's thread)
     * replaces what the client holds; events it covers are not sent again.
     */
    synchronized void resync(Snapshot snapshot) {
        if (live) {
            send(snapshot.body().toString());
            joinedAt = snapshot.seq();
        } else {
            held.clear();
            rebuilt = snapshot;
        }
    }

    /** A batch of events (often just one), from the sink's thread. */
    void offer(Batch batch) {
        if (!live) {
            synchronized (this) {
                if (!live) {
                    if (held.size() >= maxFrames) {
                        tooSlow();
                    } else {
                        held.add(batch);
                    }
                    return;
                }
            }
        }
        sendAfter(batch, joinedAt);
    }

    /** Sends the batch's events after {@code seq}: all of them, except in the first batch after the join. */
    private void sendAfter(Batch batch, long seq) {
        Batch rest = batch.after(seq);
        if (rest != null) {
            send(rest.text());
        }
    }

    /** A keep-alive frame; only once the client has its snapshot. */
    void ping(String frame) {
        if (live) {
            send(frame);
        }
    }

    /** Marks the client as done with; true the first time only. */
    boolean finish() {
        return finished.compareAndSet(false, true);
    }

    private void send(String frame) {
        if (finished.get()) {
            return;
        }
        int frames = outstanding.incrementAndGet();
        long chars = outstandingChars.addAndGet(frame.length());
        if (frames > maxFrames || chars > maxChars) {
            outstanding.decrementAndGet();
            outstandingChars.addAndGet(-frame.length());
            tooSlow();
            return;
        }
        connection.send(frame, failure -> {
            outstanding.decrementAndGet();
            outstandingChars.addAndGet(-frame.length());
            if (failure != null) {
                onSendFailure.accept(failure);
            }
        });
    }

    private void tooSlow() {
        if (!finished.get()) {
            onTooSlow.accept(this);
        }
    }
}
