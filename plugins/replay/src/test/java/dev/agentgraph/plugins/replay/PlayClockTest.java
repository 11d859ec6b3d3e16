package dev.agentgraph.plugins.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PlayClockTest {

    @Test
    void aPausedClockStandsStillAndAPlayingOneRunsAtItsSpeed() throws Exception {
        PlayClock clock = new PlayClock(1000, false);
        long t0 = System.nanoTime();
        assertThat(clock.position()).isZero();
        clock.play();
        assertThat(clock.awaitMoment(2_000)).isTrue();
        long tookMillis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(tookMillis).as("2 s of recording at 1000x").isLessThan(1_000);
        clock.pause();
        long at = clock.position();
        assertThat(at).isGreaterThanOrEqualTo(2_000);
        assertThat(clock.position()).isEqualTo(at);
    }

    @Test
    void aSpeedChangeKeepsThePosition() {
        PlayClock clock = new PlayClock(1, false);
        clock.moveTo(5_000);
        clock.speed(50);
        assertThat(clock.position()).isEqualTo(5_000);
        assertThat(clock.speed()).isEqualTo(50);
    }

    @Test
    void aJumpEndsAWaitWhetherPlayingOrPaused() throws Exception {
        for (boolean playing : new boolean[] {true, false}) {
            PlayClock clock = new PlayClock(1, playing);
            CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> {
                try {
                    return clock.awaitMoment(3_600_000);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            clock.jump(42);
            assertThat(waited.get(5, TimeUnit.SECONDS)).as("playing " + playing).isFalse();
            assertThat(clock.takeJump()).isEqualTo(42);
            assertThat(clock.takeJump()).isEqualTo(-1);
        }
    }

    @Test
    void onlyPositiveFiniteSpeeds() {
        assertThat(PlayClock.isSpeed(0.5)).isTrue();
        assertThat(PlayClock.isSpeed(0)).isFalse();
        assertThat(PlayClock.isSpeed(-1)).isFalse();
        assertThat(PlayClock.isSpeed(Double.NaN)).isFalse();
        assertThat(PlayClock.isSpeed(Double.POSITIVE_INFINITY)).isFalse();
    }
}
