package dev.agentgraph.api;

/**
 * Consumes the sequenced stream after the reducers. The host gives each sink its own thread and a
 * bounded queue: {@link #accept(Event)} is called on that thread, one event at a time, in
 * {@link Event#seq()} order. A sink that is slower than the stream loses the newest events (they
 * are counted as dropped), never slows the pipeline or another sink. History events never reach
 * sinks. An {@linkplain #inline() inline} sink is called on the pipeline thread instead.
 */
public interface Sink extends AutoCloseable {

    /** Consumes one event. An exception is logged and counted; the next event still comes. */
    void accept(Event event) throws Exception;

    /**
     * Called after {@link #accept(Event)} whenever the sink's queue is empty, that is at the end
     * of every burst (after each event when events are sparse). A sink that gathers events to
     * write them together (the websocket sink) writes what it holds here, so gathering costs no
     * latency when the stream is quiet.
     */
    default void flush() throws Exception {
    }

    /**
     * Whether the host calls this sink on the pipeline thread, as each event leaves the reducers,
     * with no queue or thread of its own; {@link #flush()} then comes whenever no more events wait
     * for the pipeline. Only for a sink whose {@code accept} and {@code flush} never wait and take
     * microseconds, handing any I/O to other threads (the websocket sink gives each frame to Jetty,
     * which writes it without blocking): it saves the hand-off to the sink's thread, about 30 µs of
     * each event's latency. An inline sink that blocks stops the whole pipeline, so the default is
     * {@code false}. {@link Snapshots#take()} called from an inline sink returns the state after
     * the event it was last given, at once.
     */
    default boolean inline() {
        return false;
    }

    /** Called once, after the last event, at shutdown. An exception is logged; shutdown goes on. */
    @Override
    default void close() throws Exception {
    }

    /**
     * A sink its configuration leaves nothing to do (the log sink at a level the log does not
     * show), for {@link SinkFactory#create} to return. The host gives it no thread and no queue,
     * so it costs the stream nothing (each running sink's thread is woken for every event), and
     * {@code /api/stats} shows the component {@code idle} with {@code reason}.
     */
    static Sink idle(String reason) {
        return new Idle(reason);
    }

    /** What {@link #idle(String)} returns; it is never given an event. */
    record Idle(String reason) implements Sink {
        public Idle {
            java.util.Objects.requireNonNull(reason, "reason");
        }

        @Override
        public void accept(Event event) {
            throw new IllegalStateException("an idle sink is given no events");
        }
    }
}
