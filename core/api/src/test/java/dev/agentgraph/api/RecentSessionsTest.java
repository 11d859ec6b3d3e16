package dev.agentgraph.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecentSessionsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void whenFullTheLeastRecentlySeenMakesRoom() {
        RecentSessions<String> sessions = new RecentSessions<>(2, Duration.ofHours(1));
        sessions.add("a", "A", T0);
        sessions.add("b", "B", T0);
        assertThat(sessions.seen("a", T0.plusSeconds(1))).isEqualTo("A"); // b is now the least recent
        sessions.add("c", "C", T0.plusSeconds(2));
        assertThat(sessions.size()).isEqualTo(2);
        assertThat(sessions.seen("b", T0.plusSeconds(3))).isNull();
        assertThat(sessions.seen("a", T0.plusSeconds(3))).isEqualTo("A");
        assertThat(sessions.seen("c", T0.plusSeconds(3))).isEqualTo("C");
    }

    @Test
    void silentSessionsAreForgottenAndSeeingOneKeepsIt() {
        RecentSessions<String> sessions = new RecentSessions<>(10, Duration.ofMinutes(30));
        sessions.add("quiet", "Q", T0);
        sessions.add("busy", "B", T0);
        sessions.seen("busy", T0.plus(Duration.ofMinutes(20)));
        sessions.forgetIdle(T0.plus(Duration.ofMinutes(31)));
        assertThat(sessions.seen("quiet", T0.plus(Duration.ofMinutes(31)))).isNull();
        assertThat(sessions.seen("busy", T0.plus(Duration.ofMinutes(31)))).isEqualTo("B");
    }
}
