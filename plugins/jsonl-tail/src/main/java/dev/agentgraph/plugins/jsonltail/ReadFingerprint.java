package dev.agentgraph.plugins.jsonltail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * The last bytes the tail read, to tell an append from a rewrite. A file emptied and written again
 * past the old offset while the tail was not looking (it was held by a full pipeline queue, say)
 * has the same identity and no smaller size, so neither check sees it; but the bytes just before
 * the offset are then, almost surely, no longer the ones that were read there. Event lines carry
 * timestamps and ids, so a rewrite that puts the very same {@link #SIZE} bytes there again is not a
 * case worth more machinery.
 */
final class ReadFingerprint {

    /** Enough for several event lines; one small positional read per check. */
    static final int SIZE = 4096;

    private final byte[] recent = new byte[SIZE];
    private final ByteBuffer check = ByteBuffer.allocate(SIZE);
    private int length;

    /** Remembers bytes just read, in order. */
    void read(byte[] buf, int off, int len) {
        if (len >= SIZE) {
            System.arraycopy(buf, off + len - SIZE, recent, 0, SIZE);
            length = SIZE;
            return;
        }
        int keep = Math.min(length, SIZE - len);
        System.arraycopy(recent, length - keep, recent, 0, keep);
        System.arraycopy(buf, off, recent, keep, len);
        length = keep + len;
    }

    /** Forgets everything: reading starts again elsewhere. */
    void clear() {
        length = 0;
    }

    /** Whether the file still holds, just before {@code offset}, the bytes last read there. */
    boolean stillMatches(FileChannel channel, long offset) throws IOException {
        if (length == 0) {
            return true;
        }
        check.clear().limit(length);
        long at = offset - length;
        while (check.hasRemaining()) {
            int n = channel.read(check, at + check.position());
            if (n < 0) {
                return false; // shorter than it was
            }
        }
        return Arrays.equals(check.array(), 0, length, recent, 0, length);
    }
}
