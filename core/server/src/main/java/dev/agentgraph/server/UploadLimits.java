package dev.agentgraph.server;

import java.time.Duration;

/**
 * How long a request body may take to arrive, and how many bodies may be arriving at once.
 *
 * @param deadline the total time from the request head to the last byte of its body; a body not in
 *     by then is answered 408, however steadily its bytes trickle in
 * @param maxConcurrent how many bodies may be read at once; one more is answered 503
 * @param memory the heap the bodies in flight may take ({@link BodyMemory})
 */
record UploadLimits(Duration deadline, int maxConcurrent, BodyMemory memory) {

    /** Ten seconds (a hook posts a few KiB in milliseconds), 32 uploads at a time, half the heap. */
    static final UploadLimits DEFAULTS = new UploadLimits(Duration.ofSeconds(10), 32, BodyMemory.halfTheHeap());
}
