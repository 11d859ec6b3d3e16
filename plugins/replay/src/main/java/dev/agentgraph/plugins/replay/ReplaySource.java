package dev.agentgraph.plugins.replay;

import dev.agentgraph.api.Counter;
import dev.agentgraph.api.Emitter;
import dev.agentgraph.api.Event;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Source;
import dev.agentgraph.plugins.lines.LineDecoder;
import dev.agentgraph.plugins.lines.LineSplitter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * Plays a recorded file on a daemon thread, once, with the pacing of {@link ReplayPacer}; lines
 * are emitted as parsed (canonical events, or raw payloads for a decoder downstream). Lines are
 * read by the same rules as the event file's tail: a bad line (not UTF-8, not one JSON object,
 * over {@code max-line}) is skipped, logged without its content and counted. When the file is
 * done the server keeps serving what the replay built up.
 */
final class ReplaySource implements Source {

    private final Path file;
    private final ReplayPacer pacer;
    private final EventTime eventTime;
    private final int maxLine;
    private final double speed;
    private final Logger log;
    private final Counter events;
    private final LineDecoder decoder;
    private volatile Thread thread;

    ReplaySource(Path file, ReplayPacer pacer, EventTime eventTime, int maxLine, double speed, PluginContext context) {
        this.file = file;
        this.pacer = pacer;
        this.eventTime = eventTime;
        this.maxLine = maxLine;
        this.speed = speed;
        this.log = context.log();
        this.events = context.counter("events");
        this.decoder = new LineDecoder(file.toString(), context::counter, log);
    }

    @Override
    public void start(Emitter emitter) {
        Thread t = new Thread(() -> play(emitter), "replay");
        t.setDaemon(true);
        thread = t;
        t.start();
        log.info("replay: playing {} at speed {}", file, speed);
    }

    private void play(Emitter emitter) {
        List<Event> batch = new ArrayList<>();
        LineSplitter splitter = new LineSplitter(maxLine, new LineSplitter.Lines() {
            @Override
            public void line(byte[] buf, int off, int len, long start, long end) {
                Event event = decoder.decode(buf, off, len, start);
                if (event != null) {
                    batch.add(event);
                }
            }

            @Override
            public void tooLong(long start) {
                decoder.tooLong(start, maxLine);
            }
        });
        long startNanos = System.nanoTime();
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                splitter.feed(buf, 0, n);
                play(batch, startNanos, emitter);
            }
            splitter.finish();
            play(batch, startNanos, emitter);
            log.info("replay: finished {} ({} events); still serving", file, events.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            log.error("replay: cannot read {}: {}", file, e.toString());
        }
    }

    private void play(List<Event> batch, long startNanos, Emitter emitter) throws InterruptedException {
        for (Event event : batch) {
            waitUntil(startNanos + pacer.due(eventTime.of(event)));
            emitter.emit(event);
            events.increment();
        }
        batch.clear();
    }

    private static void waitUntil(long dueNanos) throws InterruptedException {
        long wait = dueNanos - System.nanoTime();
        if (wait > 1_000_000) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    @Override
    public void close() throws InterruptedException {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            t.join(2_000);
        }
    }
}
