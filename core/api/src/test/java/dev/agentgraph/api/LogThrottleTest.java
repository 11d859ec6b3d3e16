package dev.agentgraph.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LogThrottleTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void oneLineAnIntervalAndTheCountOfTheOnesHeldBack() {
        LogThrottle t = new LogThrottle(Duration.ofSeconds(10));
        long start = -5 * SECOND; // nanoTime may be negative
        assertThat(t.admit(start)).isZero();
        assertThat(t.admit(start + SECOND)).isEqualTo(-1);
        assertThat(t.admit(start + 9 * SECOND)).isEqualTo(-1);
        assertThat(t.admit(start + 10 * SECOND)).isEqualTo(2);
        assertThat(t.admit(start + 11 * SECOND)).isEqualTo(-1);
        assertThat(LogThrottle.withHeldBack("bad line", 2)).isEqualTo("bad line (2 more like it not logged)");
        assertThat(LogThrottle.withHeldBack("bad line", 0)).isEqualTo("bad line");
        assertThatThrownBy(() -> new LogThrottle(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
