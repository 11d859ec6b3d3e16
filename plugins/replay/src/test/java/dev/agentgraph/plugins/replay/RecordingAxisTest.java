package dev.agentgraph.plugins.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordingAxisTest {

    private static final Instant T0 = Instant.parse("2026-05-02T13:00:00Z");

    @Test
    void keepsTheRecordedGaps() {
        RecordingAxis axis = new RecordingAxis(Duration.ofMillis(100), Duration.ofSeconds(30));
        assertThat(axis.at(Optional.of(T0))).isZero();
        assertThat(axis.at(Optional.of(T0.plusMillis(1000)))).isEqualTo(1_000L);
        assertThat(axis.at(Optional.of(T0.plusMillis(3000)))).isEqualTo(3_000L);
    }

    @Test
    void untimedLinesComeAFixedGapApartAndTimeNeverRunsBackwards() {
        RecordingAxis axis = new RecordingAxis(Duration.ofMillis(100), Duration.ofSeconds(30));
        assertThat(axis.at(Optional.empty())).isZero();
        assertThat(axis.at(Optional.empty())).isEqualTo(100L);
        assertThat(axis.at(Optional.of(T0))).isEqualTo(200L);
        assertThat(axis.at(Optional.of(T0.minusSeconds(5)))).isEqualTo(200L);
    }

    @Test
    void longSilencesAreShortenedToTheMaximumGap() {
        RecordingAxis axis = new RecordingAxis(Duration.ofMillis(100), Duration.ofSeconds(30));
        axis.at(Optional.of(T0));
        assertThat(axis.at(Optional.of(T0.plus(Duration.ofHours(8))))).isEqualTo(30_000L);
    }
}
