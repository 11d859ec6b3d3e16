package dev.agentgraph.plugins.lines;

import java.util.Arrays;

/**
 * Splits a byte stream into lines on {@code '\n'} without decoding it, tracking each line's
 * offset in the stream. A line is handed on only once its newline has arrived, so a writer that
 * is half-way through a line is never seen half-way. A line longer than the cap is skipped as it
 * streams past, never buffered whole.
 */
public final class LineSplitter {

    /**
     * The default cap on a line: the hook's largest whole line (a 1 MiB payload and its small
     * envelope) fits, a hostile multi-megabyte line does not.
     */
    public static final long DEFAULT_MAX_LINE = (1L << 20) + (64L << 10);

    /** Receives complete lines; the array may be reused after the call returns. */
    public interface Lines {
        /** One line without its newline; {@code end} is the stream offset just past the newline. */
        void line(byte[] buf, int off, int len, long start, long end);

        /** A line longer than the cap began at {@code start}; it is skipped. */
        void tooLong(long start);
    }

    private final int maxLine;
    private final Lines lines;
    private byte[] partial = new byte[8192];
    private int partialLen;
    private boolean skipping;
    private long lineStart;
    private long position;

    public LineSplitter(int maxLine, Lines lines) {
        if (maxLine < 1) {
            throw new IllegalArgumentException("maxLine must be positive");
        }
        this.maxLine = maxLine;
        this.lines = lines;
    }

    /** Feeds the next bytes of the stream. */
    public void feed(byte[] buf, int off, int len) {
        int end = off + len;
        int from = off;
        while (from < end) {
            int nl = indexOfNewline(buf, from, end);
            if (nl < 0) {
                keepPartial(buf, from, end - from);
                position += end - from;
                return;
            }
            int chunk = nl - from;
            long lineEnd = position + chunk + 1;
            if (skipping) {
                skipping = false;
            } else if (partialLen == 0) {
                deliver(buf, from, chunk, lineStart, lineEnd);
            } else if (partialLen + chunk > maxLine) {
                lines.tooLong(lineStart);
            } else {
                append(buf, from, chunk);
                deliver(partial, 0, partialLen, lineStart, lineEnd);
            }
            partialLen = 0;
            position = lineEnd;
            lineStart = lineEnd;
            from = nl + 1;
        }
    }

    /** Ends the stream: a last line without a newline counts as complete (standard input's end). */
    public void finish() {
        if (partialLen > 0 && !skipping) {
            deliver(partial, 0, partialLen, lineStart, position);
        }
        partialLen = 0;
        skipping = false;
        lineStart = position;
    }

    /**
     * Drops any partial line and continues at {@code offset}. With {@code skipFirst}, the bytes up
     * to the first newline are dropped too, for starting in the middle of a file.
     */
    public void reset(long offset, boolean skipFirst) {
        partialLen = 0;
        skipping = skipFirst;
        position = offset;
        lineStart = offset;
        if (partial.length > 65536) {
            partial = new byte[8192];
        }
    }

    /** Whether bytes of an unfinished line are held. */
    public boolean hasPartial() {
        return partialLen > 0;
    }

    /** The stream offset just past the last byte fed. */
    public long position() {
        return position;
    }

    private void deliver(byte[] buf, int off, int len, long start, long end) {
        if (len > maxLine) {
            lines.tooLong(start);
        } else {
            lines.line(buf, off, len, start, end);
        }
    }

    private void keepPartial(byte[] buf, int off, int len) {
        if (skipping) {
            return;
        }
        if (partialLen + len > maxLine) {
            // Too long already: say so once, then drop the rest of it up to its newline.
            lines.tooLong(lineStart);
            partialLen = 0;
            skipping = true;
            return;
        }
        append(buf, off, len);
    }

    private void append(byte[] buf, int off, int len) {
        if (partialLen + len > partial.length) {
            partial = Arrays.copyOf(partial, Math.max(partialLen + len, partial.length * 2));
        }
        System.arraycopy(buf, off, partial, partialLen, len);
        partialLen += len;
    }

    private static int indexOfNewline(byte[] buf, int from, int end) {
        for (int i = from; i < end; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
