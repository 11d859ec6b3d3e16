package dev.agentgraph.plugins.websocket;

import java.util.Arrays;

/**
 * Consecutive events gathered by the sink while its queue was not empty, sent as one frame: the
 * event's own frame when there is one event, else {@code {"type":"events","data":[…]}} holding
 * the event frames in order (see {@code docs/protocol.md}). The text is built once, on first use,
 * and shared by every client.
 */
final class Batch {

    private final long[] seqs;
    private final String[] frames;
    private String text;

    Batch(long[] seqs, String[] frames) {
        this.seqs = seqs;
        this.frames = frames;
    }

    int size() {
        return seqs.length;
    }

    long firstSeq() {
        return seqs[0];
    }

    long lastSeq() {
        return seqs[seqs.length - 1];
    }

    /** The frame text; thread-safe (two threads may build it, both get equal strings). */
    String text() {
        String t = text;
        if (t == null) {
            t = Frames.events(frames);
            text = t;
        }
        return t;
    }

    /** The events with a sequence number greater than {@code seq}; null when there are none. */
    Batch after(long seq) {
        if (firstSeq() > seq) {
            return this;
        }
        int from = 0;
        while (from < seqs.length && seqs[from] <= seq) {
            from++;
        }
        if (from == seqs.length) {
            return null;
        }
        return new Batch(Arrays.copyOfRange(seqs, from, seqs.length), Arrays.copyOfRange(frames, from, frames.length));
    }
}
