package dev.agentgraph.runtime.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The decisions' own rules: what a stop and a hold deny, and that they expire after a day. */
class ControlBookTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    Path dir;

    private ControlBook book(boolean enabled) {
        return new ControlBook(enabled, new ControlMarkers(dir.resolve("events.jsonl")), LoggerFactory.getLogger("test"));
    }

    @Test
    void aStopDeniesEveryToolOfThatAgentAndAHoldOnlyTheSpawningTools() {
        ControlBook b = book(true);
        assertThat(b.stop("s", "a", T0)).isTrue();
        assertThat(b.hold("s", T0)).isTrue();
        assertThat(b.denial("s", "a", "Read")).containsSame(ControlBook.STOPPED);
        assertThat(b.denial("s", "a", null)).containsSame(ControlBook.STOPPED);
        for (String spawning : ControlBook.SPAWN_TOOLS) {
            assertThat(b.denial("s", null, spawning)).as(spawning).containsSame(ControlBook.HELD);
            assertThat(b.denial("s", "main", spawning)).as(spawning).containsSame(ControlBook.HELD);
        }
        assertThat(b.denial("s", "other", "Bash")).isEmpty();
        assertThat(b.denial("s", "other", "agent")).as("tool names are exact").isEmpty();
        assertThat(b.denial("t", "a", "Agent")).as("another session").isEmpty();
        assertThat(b.denial(null, "a", "Read")).isEmpty();
    }

    @Test
    void decisionsWhoseEndWasNeverSeenExpireAfterADayWithTheirMarkers() {
        ControlBook b = book(true);
        b.stop("s", "a", T0);
        b.hold("s", T0.plusSeconds(3600));
        b.expire(T0.plus(ControlBook.TTL).minusSeconds(1));
        assertThat(b.denial("s", "a", "Read")).isPresent();
        b.expire(T0.plus(ControlBook.TTL));
        assertThat(b.denial("s", "a", "Read")).isEmpty();
        assertThat(b.denial("s", "a", "Agent")).containsSame(ControlBook.HELD);
        assertThat(Files.exists(dir.resolve("control/s/a.stop"))).isFalse();
        b.expire(T0.plus(ControlBook.TTL).plusSeconds(3600));
        assertThat(b.denial("s", "a", "Agent")).isEmpty();
        assertThat(Files.exists(dir.resolve("control/s"))).isFalse();
    }

    @Test
    void offItDeniesNothingWhateverIsAsked() {
        ControlBook b = book(false);
        assertThat(b.denial("s", "a", "Agent")).isEmpty();
        assertThat(b.enabled()).isFalse();
    }
}
