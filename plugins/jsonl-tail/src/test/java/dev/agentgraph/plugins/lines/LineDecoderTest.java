package dev.agentgraph.plugins.lines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgraph.api.Counter;
import dev.agentgraph.api.Event;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LineDecoderTest {

    private final Map<String, AtomicLong> counts = new HashMap<>();
    private final LineDecoder decoder = new LineDecoder("test", name -> {
        AtomicLong v = counts.computeIfAbsent(name, n -> new AtomicLong());
        return new Counter() {
            @Override
            public void add(long n) {
                v.addAndGet(n);
            }

            @Override
            public long get() {
                return v.get();
            }
        };
    }, LoggerFactory.getLogger("test"));

    private Event decode(byte[] b) {
        return decoder.decode(b, 0, b.length, 0);
    }

    private Event decode(String s) {
        return decode(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesUtf8AndDropsACarriageReturn() {
        Event e = decode("{\"event\":\"agent_spawn\",\"id\":\"é€😀\"}\r");
        assertThat(e.string("id")).isEqualTo("é€😀");
    }

    @Test
    void invalidUtf8IsCountedNotReplaced() {
        byte[] line = "\u00ff\u00fe{\"event\":\"agent_spawn\",\"id\":\"x\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(decode(line)).isNull();
        assertThat(counts.get("invalid_utf8").get()).isEqualTo(1);
    }

    @Test
    void invalidJsonIsCounted() {
        assertThat(decode("[1,2,3]")).isNull();
        assertThat(decode("{\"event\":")).isNull();
        assertThat(counts.get("invalid_json").get()).isEqualTo(2);
    }

    @Test
    void blankLinesAreIgnoredQuietly() {
        assertThat(decode("   \t")).isNull();
        assertThat(decode("")).isNull();
        assertThat(counts.get("invalid_json").get()).isZero();
    }
}
