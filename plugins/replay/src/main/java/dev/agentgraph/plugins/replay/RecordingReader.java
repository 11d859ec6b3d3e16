package dev.agentgraph.plugins.replay;

import dev.agentgraph.api.Event;
import dev.agentgraph.plugins.lines.LineDecoder;
import dev.agentgraph.plugins.lines.LineSplitter;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;

/**
 * Reads a recording from its start, one event at a time with its moment on the axis, by the
 * same line rules as the event file's tail (a bad line is skipped and reported by the decoder).
 * Holds at most one read buffer's worth of events. Not thread-safe: one reader, one thread.
 */
final class RecordingReader implements Closeable {

    /** An event of the recording and its moment, in milliseconds after the first line. */
    record Timed(Event event, long at) {
    }

    private final InputStream in;
    private final LineSplitter splitter;
    private final ArrayDeque<Timed> ready = new ArrayDeque<>();
    private final byte[] buf = new byte[64 * 1024];
    private boolean ended;

    RecordingReader(Path file, int maxLine, LineDecoder decoder, EventTime time, RecordingAxis axis) throws IOException {
        this.in = Files.newInputStream(file);
        this.splitter = new LineSplitter(maxLine, new LineSplitter.Lines() {
            @Override
            public void line(byte[] b, int off, int len, long start, long end) {
                Event event = decoder.decode(b, off, len, start);
                if (event != null) {
                    ready.add(new Timed(event, axis.at(time.of(event))));
                }
            }

            @Override
            public void tooLong(long start) {
                decoder.tooLong(start, maxLine);
            }
        });
    }

    /** The next event, or {@code null} at the end of the recording. */
    Timed next() throws IOException {
        while (ready.isEmpty() && !ended) {
            int n = in.read(buf);
            if (n < 0) {
                splitter.finish();
                ended = true;
            } else {
                splitter.feed(buf, 0, n);
            }
        }
        return ready.poll();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
