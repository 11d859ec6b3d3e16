package dev.agentgraph.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The receive time of a hook line, read by hand for the hooks' layouts and by Instant.parse for others. */
class HookLineTest {

    @Test
    void readsEveryInstantAsInstantParseDoes() {
        SplittableRandom random = new SplittableRandom(12);
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(0, 4_102_444_800L), random.nextInt(1_000_000_000));
            for (Instant at : new Instant[] {t, t.truncatedTo(ChronoUnit.MILLIS), t.truncatedTo(ChronoUnit.SECONDS)}) {
                String text = at.toString();
                assertThat(HookLine.received(text)).as(text).isEqualTo(Instant.parse(text));
            }
        }
        assertThat(HookLine.received("2024-02-29T23:59:59.5Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59.500Z"));
        assertThat(HookLine.received("2026-11-24T00:15:02+01:00")).isEqualTo(Instant.parse("2026-11-23T23:15:02Z"));
    }

    @Test
    void oddLayoutsReadExactlyAsInstantParseReadsThem() {
        for (String odd : new String[] {"2026-11-24T00:60:00Z", "2026-11-24T00:00:00.Z", "2026-11-24T00:00:00.1234567890Z",
                "2026-1a-24T00:00:00Z", "2026-11-24 00:00:00Z", "2026-11-24T00:00:00", "+2026-11-24T00:00:00Z",
                "2026-11-24T00:00:60Z", "2026-11-24t00:00:00z"}) {
            Instant expected;
            try {
                expected = Instant.parse(odd);
            } catch (java.time.format.DateTimeParseException e) {
                expected = null;
            }
            assertThat(HookLine.received(odd)).as(odd).isEqualTo(expected);
        }
    }

    @Test
    void whatIsNoTimeIsNull() {
        for (String bad : new String[] {null, "", "yesterday", "2026-02-30T00:00:00Z", "9".repeat(41)}) {
            assertThat(HookLine.received(bad)).as(bad).isNull();
        }
    }
}
