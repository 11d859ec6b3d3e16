package dev.agentgraph.plugins.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplayPacerTest {

    private static final Instant T0 = Instant.parse("2026-05-02T13:00:00Z");

    @Test
    void keepsTheRecordedGapsDividedBySpeed() {
        ReplayPacer pacer = new ReplayPacer(2.0, Duration.ofMillis(100), Duration.ofSeconds(30));
        assertThat(pacer.due(Optional.of(T0))).isZero();
        assertThat(pacer.due(Optional.of(T0.plusMillis(1000)))).isEqualTo(500_000_000L);
        assertThat(pacer.due(Optional.of(T0.plusMillis(3000)))).isEqualTo(1_500_000_000L);
    }

    @Test
    void untimedLinesComeAFixedGapApartAndTimeNeverRunsBackwards() {
        ReplayPacer pacer = new ReplayPacer(1.0, Duration.ofMillis(100), Duration.ofSeconds(30));
        assertThat(pacer.due(Optional.empty())).isZero();
        assertThat(pacer.due(Optional.empty())).isEqualTo(100_000_000L);
        assertThat(pacer.due(Optional.of(T0))).isEqualTo(200_000_000L);
        assertThat(pacer.due(Optional.of(T0.minusSeconds(5)))).isEqualTo(200_000_000L);
    }

    @Test
    void longSilencesAreShortenedToTheMaximumGap() {
        ReplayPacer pacer = new ReplayPacer(1.0, Duration.ofMillis(100), Duration.ofSeconds(30));
        pacer.due(Optional.of(T0));
        assertThat(pacer.due(Optional.of(T0.plus(Duration.ofHours(8))))).isEqualTo(30_000_000_000L);
    }
}
