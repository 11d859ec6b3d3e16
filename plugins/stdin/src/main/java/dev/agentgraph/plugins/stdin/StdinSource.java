package dev.agentgraph.plugins.stdin;

import dev.agentgraph.api.Counter;
import dev.agentgraph.api.Emitter;
import dev.agentgraph.api.Event;
import dev.agentgraph.api.Source;
import dev.agentgraph.plugins.lines.LineDecoder;
import dev.agentgraph.plugins.lines.LineSplitter;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * Reads events from a stream, one JSON object a line, on a daemon thread. The end of the stream
 * only ends this source: the server keeps serving what it has.
 */
final class StdinSource implements Source {

    private final InputStream in;
    private final int maxLine;
    private final Logger log;
    private final Function<String, Counter> counters;
    private volatile boolean running;
    private Thread thread;

    StdinSource(InputStream in, int maxLine, Logger log, Function<String, Counter> counters) {
        this.in = in;
        this.maxLine = maxLine;
        this.log = log;
        this.counters = counters;
    }

    @Override
    public void start(Emitter emitter) {
        running = true;
        thread = new Thread(() -> read(emitter), "stdin");
        thread.setDaemon(true);
        thread.start();
    }

    private void read(Emitter emitter) {
        LineDecoder decoder = new LineDecoder("standard input", counters, log);
        Counter events = counters.apply("events");
        LineSplitter splitter = new LineSplitter(maxLine, new LineSplitter.Lines() {
            @Override
            public void line(byte[] buf, int off, int len, long start, long end) {
                Event event = decoder.decode(buf, off, len, start);
                if (event != null) {
                    events.increment();
                    emitter.emit(event);
                }
            }

            @Override
            public void tooLong(long start) {
                decoder.tooLong(start, maxLine);
            }
        });
        byte[] buf = new byte[64 * 1024];
        try {
            int n;
            while (running && (n = in.read(buf)) >= 0) {
                splitter.feed(buf, 0, n);
            }
            splitter.finish();
            if (running) {
                log.info("end of standard input after {} events; the server keeps serving", events.get());
            }
        } catch (IOException e) {
            if (running) {
                log.warn("reading standard input failed: {}; the server keeps serving", e.toString());
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (thread != null) {
            // A read of the process's standard input cannot be interrupted; the thread is a daemon.
            thread.join(200);
        }
    }
}
