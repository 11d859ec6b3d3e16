package dev.agentgraph.server;

import java.time.Duration;

/**
 * How long a request body may take to arrive, and how many bodies may be arriving at once.
 *
 * @param deadline the total time from the request head to the last byte of its body; a body not in
 *     by then is answered 408, however steadily its bytes trickle in
 * @param maxConcurrent how many bodies may be read at once; one more is answered 503
 */
record UploadLimits(Duration deadline, int maxConcurrent) {

    /** Ten seconds (a hook posts a few KiB in milliseconds) and 32 uploads at a time. */
    static final UploadLimits DEFAULTS = new UploadLimits(Duration.ofSeconds(10), 32);
}
