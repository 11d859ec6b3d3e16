package dev.agentgraph.plugins.claudecode;

import dev.agentgraph.api.Counter;
import dev.agentgraph.api.Event;
import dev.agentgraph.api.EventFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/** A decoder fed by hand on the test thread, as the pipeline thread would. */
final class DecoderHarness {

    /** Concurrent, as the plugin context's: the transcript worker counts its errors on its own thread. */
    final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    final List<Event> out = new ArrayList<>();
    final List<Event> passed = new ArrayList<>();
    final ClaudeCodeDecoder decoder;
    Instant now = Instant.parse("2026-11-24T00:00:00Z");

    DecoderHarness() {
        this(Pricing.defaults(), 16L << 20);
    }

    DecoderHarness(Pricing pricing, long maxTranscript) {
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        decoder = new ClaudeCodeDecoder(new ClaudeCodeDecoder.Options(1024, 256, Duration.ofHours(24),
                Duration.ofSeconds(2)), pricing, new TranscriptReader(pricing, maxTranscript), clock,
                LoggerFactory.getLogger("test"), name -> new Counter() {
                    @Override
                    public void add(long n) {
                        counters.computeIfAbsent(name, k -> new AtomicLong()).addAndGet(n);
                    }

                    @Override
                    public long get() {
                        return counters.computeIfAbsent(name, k -> new AtomicLong()).get();
                    }
                });
    }

    /** Feeds one line; returns what the decoder passed on (null when it dropped the line). */
    Event feed(String line) {
        try {
            Event result = decoder.reduce(Event.parse(line), out::add);
            if (result != null) {
                passed.add(result);
            }
            return result;
        } catch (EventFormatException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Feeds one line as history, as a source replaying the file at start would. */
    void feedHistory(String line) {
        try {
            decoder.reduce(Event.parse(line).asHistory(), out::add);
        } catch (EventFormatException e) {
            throw new IllegalArgumentException(e);
        }
    }

    void feedAll(List<String> lines) {
        lines.forEach(this::feed);
    }

    void tick() {
        decoder.tick(now, out::add);
    }

    List<Event> ofType(String type) {
        return out.stream().filter(e -> e.type().equals(type)).toList();
    }

    Event only(String type, Predicate<Event> p) {
        List<Event> found = ofType(type).stream().filter(p).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + " matching, found " + found + " in " + out);
        }
        return found.get(0);
    }

    Event spawnOf(String id) {
        List<Event> spawns = ofType("agent_spawn").stream().filter(e -> id.equals(e.string("id"))).toList();
        if (spawns.isEmpty()) {
            throw new AssertionError("no agent_spawn of " + id + " in " + out);
        }
        return spawns.get(spawns.size() - 1);
    }

    static List<String> fixture(String name) {
        try (InputStream in = DecoderHarness.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
