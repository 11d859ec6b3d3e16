package dev.agentgraph.plugins.replay;

import dev.agentgraph.api.Counter;
import dev.agentgraph.api.Emitter;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Source;
import dev.agentgraph.plugins.lines.LineDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.helpers.NOPLogger;

/**
 * Plays a recorded file on a daemon thread with the pacing of its {@link PlayClock}; lines are
 * emitted as parsed (canonical events, or raw payloads for a decoder downstream). First the whole
 * file is read once to know its length; bad lines (not UTF-8, not one JSON object, over
 * {@code max-line}) are skipped, logged without their content and counted in that pass only.
 *
 * <p>A jump to a moment ({@link PlayClock#jump}) rebuilds the state there: the reducers are made
 * anew and fed every event of the recording up to that moment ({@link dev.agentgraph.api.Rebuilds}),
 * then playing goes on from the next one. At the end the replay pauses and the server keeps
 * serving what it built up; a jump plays it again.
 */
final class ReplaySource implements Source {

    private final Path file;
    private final Duration untimedGap;
    private final Duration maxGap;
    private final EventTime eventTime;
    private final int maxLine;
    private final PlayClock clock;
    private final PluginContext context;
    private final Logger log;
    private final Counter events;
    private final Counter jumps;
    private final AtomicLong length = new AtomicLong(-1);
    private final AtomicLong total = new AtomicLong();
    private volatile Thread thread;

    ReplaySource(Path file, Duration untimedGap, Duration maxGap, EventTime eventTime, int maxLine, PlayClock clock,
            PluginContext context) {
        this.file = file;
        this.untimedGap = untimedGap;
        this.maxGap = maxGap;
        this.eventTime = eventTime;
        this.maxLine = maxLine;
        this.clock = clock;
        this.context = context;
        this.log = context.log();
        this.events = context.counter("events");
        this.jumps = context.counter("jumps");
    }

    /** The recording's length on its axis in milliseconds, or -1 while it is first read. */
    long length() {
        return length.get();
    }

    /** The events in the recording (known once it was read). */
    long total() {
        return total.get();
    }

    String fileName() {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    @Override
    public void start(Emitter emitter) {
        Thread t = new Thread(() -> run(emitter), "replay");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    private void run(Emitter emitter) {
        try {
            measure();
            log.info("replay: playing {} ({} events, {} s) at speed {}", file, total.get(), length.get() / 1000,
                    clock.speed());
            clock.moveTo(0);
            play(emitter);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | UncheckedIOException e) {
            log.error("replay: cannot read {}: {}", file, e.toString());
        }
    }

    /** Reads the whole recording once: its length, its events, its bad lines (counted here only). */
    private void measure() throws IOException {
        long last = 0;
        long n = 0;
        try (RecordingReader reader = open(new LineDecoder(file.toString(), context::counter, log))) {
            RecordingReader.Timed t;
            while ((t = reader.next()) != null) {
                last = t.at();
                n++;
            }
        }
        total.set(n);
        length.set(last);
    }

    private void play(Emitter emitter) throws IOException, InterruptedException {
        RecordingReader reader = open(quietDecoder());
        try {
            RecordingReader.Timed next = reader.next();
            while (true) {
                long jump = clock.takeJump();
                if (jump >= 0) {
                    long to = Math.min(jump, length.get());
                    reader.close();
                    reader = open(quietDecoder());
                    next = rebuildTo(reader, to);
                    clock.moveTo(to);
                    jumps.increment();
                    log.info("replay: jumped to {} ms of {}", to, file);
                } else if (next == null) {
                    clock.stopAt(length.get());
                    clock.awaitJump();
                } else if (clock.awaitMoment(next.at())) {
                    emitter.emit(next.event());
                    events.increment();
                    next = reader.next();
                }
            }
        } finally {
            reader.close();
        }
    }

    /** Rebuilds the state from every event up to {@code millis}; returns the first one after it. */
    private RecordingReader.Timed rebuildTo(RecordingReader reader, long millis) throws InterruptedException {
        RecordingReader.Timed[] after = {null};
        context.rebuilds().rebuild(history -> {
            try {
                RecordingReader.Timed t;
                while ((t = reader.next()) != null && t.at() <= millis) {
                    history.emit(t.event());
                }
                after[0] = t;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return after[0];
    }

    private RecordingReader open(LineDecoder decoder) throws IOException {
        return new RecordingReader(file, maxLine, decoder, eventTime, new RecordingAxis(untimedGap, maxGap));
    }

    /** Bad lines were counted and reported when the recording was first read; not again. */
    private LineDecoder quietDecoder() {
        return new LineDecoder(file.toString(), name -> new Uncounted(), NOPLogger.NOP_LOGGER);
    }

    @Override
    public void close() throws InterruptedException {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            t.join(2_000);
        }
    }

    /** A counter that counts nothing: for passes that must not count twice. */
    private static final class Uncounted implements Counter {
        @Override
        public void add(long n) {
        }

        @Override
        public long get() {
            return 0;
        }
    }
}
