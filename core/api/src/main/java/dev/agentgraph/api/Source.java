package dev.agentgraph.api;

/**
 * Produces events. {@link #start(Emitter)} must return promptly: a source that reads or waits owns
 * its threads (make them daemon threads named after the plugin). {@link #close()} stops them in
 * bounded time; sources are closed first at shutdown, before the pipeline drains.
 */
public interface Source extends AutoCloseable {

    /**
     * Begins producing. {@code emitter} is thread-safe and may be kept; events emitted with
     * {@link Event#asHistory()} rebuild reducer state without reaching sinks as new. An exception
     * is logged and counted, and marks the source failed (it produces nothing; the others run).
     */
    void start(Emitter emitter) throws Exception;

    /** Stops producing, within 2 s. An exception is logged and counted; shutdown goes on. */
    @Override
    void close() throws Exception;
}
