package dev.agentgraph.plugins.stdin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentgraph.testkit.EmittedEvents;
import java.io.ByteArrayInputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class StdinSourceTest {

    private final EmittedEvents out = new EmittedEvents();

    @Test
    void readsLinesAsTheyComeAndSkipsBadOnes() throws Exception {
        PipedOutputStream writer = new PipedOutputStream();
        StdinSource source = new StdinSource(new PipedInputStream(writer, 1 << 16), 1024, LoggerFactory.getLogger("stdin"), out);
        source.start(out);

        writer.write("{\"event\":\"agent_spawn\",\"id\":\"a1\"}\nnot json\n[1]\n".getBytes(StandardCharsets.UTF_8));
        writer.write(new byte[] {(byte) 0xff, '{', '}', '\n'});
        writer.write(("{\"event\":\"x\",\"pad\":\"" + "A".repeat(2000) + "\"}\n").getBytes(StandardCharsets.UTF_8));
        writer.write("{\"event\":\"agent_spawn\",\"id\":".getBytes(StandardCharsets.UTF_8));
        writer.flush();
        await().atMost(Duration.ofSeconds(10)).until(() -> out.count("too_long") == 1);
        assertThat(out.ids()).containsExactly("a1");

        writer.write("\"a2\"}\n".getBytes(StandardCharsets.UTF_8));
        writer.flush();

        await().atMost(Duration.ofSeconds(10)).until(() -> out.events.size() == 2);
        assertThat(out.ids()).containsExactly("a1", "a2");
        assertThat(out.count("invalid_json")).isEqualTo(2);
        assertThat(out.count("invalid_utf8")).isEqualTo(1);
        assertThat(out.count("events")).isEqualTo(2);
        writer.close();
        source.close();
    }

    @Test
    void endOfInputEndsOnlyTheSourceAndCompletesTheLastLine() throws Exception {
        byte[] input = "{\"event\":\"agent_spawn\",\"id\":\"a1\"}\n{\"event\":\"agent_done\",\"id\":\"a1\"}".getBytes(StandardCharsets.UTF_8);
        StdinSource source = new StdinSource(new ByteArrayInputStream(input), 1024, LoggerFactory.getLogger("stdin"), out);

        source.start(out);

        await().atMost(Duration.ofSeconds(10)).until(() -> out.events.size() == 2);
        assertThat(out.events.get(1).type()).isEqualTo("agent_done");
        source.close();
    }

    @Test
    void isOffUnlessAskedFor() {
        StdinSourceFactory factory = new StdinSourceFactory();
        assertThat(factory.id()).isEqualTo("stdin");
        assertThat(factory.enabledByDefault()).isFalse();
    }
}
