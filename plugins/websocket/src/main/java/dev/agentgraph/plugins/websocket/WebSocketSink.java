package dev.agentgraph.plugins.websocket;

import dev.agentgraph.api.Counter;
import dev.agentgraph.api.Event;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Rebuilds;
import dev.agentgraph.api.Sink;
import dev.agentgraph.api.Snapshots;
import dev.agentgraph.api.WebSocketConnection;
import dev.agentgraph.api.WebSocketEndpoint;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Broadcasts the stream to every client of {@code /stream}: each event is turned into its frame
 * text once; the events of a burst (all that came while the sink's queue was not empty, up to
 * {@link #MAX_BATCH_EVENTS} or {@link #MAX_BATCH_CHARS}) are gathered into one {@link Batch}
 * whose text is built once and offered to each client, which sends it without waiting. A lone
 * event goes out at once in its own frame ({@link #flush()} comes right after it). A client that
 * stops reading is closed with 1013 once its outstanding frames pass the bound; neither the
 * pipeline nor the other clients wait for it. When the state was rebuilt (a replay's seek:
 * {@link Rebuilds#REBUILT}) every client is sent a fresh snapshot on its connection instead.
 */
final class WebSocketSink implements Sink, WebSocketEndpoint {

    /** Close code for a client that fell too far behind: try again later. */
    static final int TOO_SLOW = 1013;
    /**
     * The most events in one frame: large enough that one frame write carries many events under
     * load, small enough that a frame stays far below any client's message limit.
     */
    static final int MAX_BATCH_EVENTS = 512;
    /** The most characters of event frames in one batch (a batch ends at the event that passes it). */
    static final int MAX_BATCH_CHARS = 64 * 1024;

    private final Snapshots snapshots;
    private final Logger log;
    private final int maxFrames;
    private final long maxChars;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final ScheduledExecutorService pinger;
    private final Counter opened;
    private final Counter closed;
    private final Counter tooSlow;
    private final Counter sendFailures;
    private final Counter events;
    private final Counter frames;
    private final Counter resyncs;
    private final long[] gatheredSeqs = new long[MAX_BATCH_EVENTS];
    private final String[] gatheredFrames = new String[MAX_BATCH_EVENTS];
    private int gathered;
    private int gatheredChars;
    private volatile long lastSeq;

    WebSocketSink(PluginContext context, Duration pingInterval, int maxFrames, long maxChars) {
        this.snapshots = context.snapshots();
        this.log = context.log();
        this.maxFrames = maxFrames;
        this.maxChars = maxChars;
        this.opened = context.counter("clients_opened");
        this.closed = context.counter("clients_closed");
        this.tooSlow = context.counter("clients_too_slow");
        this.sendFailures = context.counter("send_failures");
        this.events = context.counter("events_sent");
        this.frames = context.counter("batches_sent");
        this.resyncs = context.counter("rebuild_snapshots");
        this.pinger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "websocket-ping");
            t.setDaemon(true);
            return t;
        });
        long ms = pingInterval.toMillis();
        pinger.scheduleAtFixedRate(this::ping, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Its work is building frame text and handing it to Jetty, which never waits: it runs on the pipeline thread. */
    @Override
    public boolean inline() {
        return true;
    }

    @Override
    public void accept(Event event) throws InterruptedException {
        lastSeq = event.seq();
        if (clients.isEmpty()) {
            // Nobody to send to; a client that joins later gets this event in its snapshot.
            return;
        }
        if (Rebuilds.REBUILT.equals(event.type())) {
            resyncAll();
            return;
        }
        String frame = Frames.event(event);
        gatheredSeqs[gathered] = event.seq();
        gatheredFrames[gathered] = frame;
        gathered++;
        gatheredChars += frame.length();
        if (gathered == MAX_BATCH_EVENTS || gatheredChars >= MAX_BATCH_CHARS) {
            flush();
        }
    }

    /** Offers the gathered events to every client as one batch. */
    @Override
    public void flush() {
        if (gathered == 0) {
            return;
        }
        Batch batch = new Batch(Arrays.copyOf(gatheredSeqs, gathered), Arrays.copyOf(gatheredFrames, gathered));
        Arrays.fill(gatheredFrames, 0, gathered, null);
        gathered = 0;
        gatheredChars = 0;
        for (Client client : clients.values()) {
            client.offer(batch);
        }
        events.add(batch.size());
        frames.increment();
    }

    /** What every client holds is superseded: each gets a snapshot taken now, then what follows it. */
    private void resyncAll() throws InterruptedException {
        flush();
        Snapshots.Snapshot snapshot = snapshots.take();
        for (Client client : clients.values()) {
            client.resync(snapshot);
        }
        resyncs.increment();
    }

    @Override
    public void onOpen(WebSocketConnection connection) {
        Client client = new Client(connection, maxFrames, maxChars, this::dropTooSlow,
                failure -> sendFailures.increment());
        clients.put(connection.id(), client);
        opened.increment();
        try {
            client.join(snapshots.take());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            leave(client, 1011, "no snapshot");
        } catch (RuntimeException e) {
            log.warn("could not take a snapshot for {}: {}", connection.remoteAddress(), e.toString());
            leave(client, 1011, "no snapshot");
        }
    }

    @Override
    public void onClose(WebSocketConnection connection, int statusCode, String reason) {
        Client client = clients.remove(connection.id());
        if (client != null && client.finish()) {
            closed.increment();
        }
    }

    private void dropTooSlow(Client client) {
        if (clients.remove(client.connection().id()) != null && client.finish()) {
            tooSlow.increment();
            closed.increment();
            log.warn("closed WebSocket client {}: more than {} frames or {} characters waiting to be sent",
                    client.connection().remoteAddress(), maxFrames, maxChars);
            client.connection().close(TOO_SLOW, "client too slow; reconnect for a fresh snapshot");
        }
    }

    private void leave(Client client, int code, String reason) {
        if (clients.remove(client.connection().id()) != null && client.finish()) {
            closed.increment();
            client.connection().close(code, reason);
        }
    }

    private void ping() {
        String frame = Frames.ping(lastSeq);
        for (Client client : clients.values()) {
            client.ping(frame);
        }
    }

    @Override
    public void close() {
        pinger.shutdownNow();
        for (Client client : clients.values()) {
            leave(client, 1001, "server shutting down");
        }
    }
}
