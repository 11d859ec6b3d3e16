package dev.agentgraph.plugins.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The receiver's memory: at most so many entries, none kept past its age. */
class RecentMapTest {

    @Test
    void theLeastRecentlyTouchedGoFirstPastTheCap() {
        RecentMap<String> map = new RecentMap<>(3, 1_000);
        map.put("a", "1", 0);
        map.put("b", "2", 1);
        map.put("c", "3", 2);
        assertThat(map.get("a", 3)).isEqualTo("1"); // touched: now the newest
        map.put("d", "4", 4);
        assertThat(map.size()).isEqualTo(3);
        assertThat(map.contains("b")).isFalse();
        assertThat(map.contains("a")).isTrue();
    }

    @Test
    void entriesUntouchedForTheirAgeAreForgotten() {
        RecentMap<String> map = new RecentMap<>(100, 1_000);
        map.put("old", "1", 0);
        map.put("kept", "2", 0);
        map.get("kept", 900);
        map.put("new", "3", 1_500);
        map.expire(1_500);
        assertThat(map.contains("old")).isFalse();
        assertThat(map.contains("kept")).isTrue();
        assertThat(map.peek("new")).isEqualTo("3");
        map.expire(10_000);
        assertThat(map.size()).isZero();
    }

    @Test
    void peekingTouchesNothing() {
        RecentMap<String> map = new RecentMap<>(2, 1_000);
        map.put("a", "1", 0);
        map.put("b", "2", 1);
        map.peek("a");
        map.put("c", "3", 2);
        assertThat(map.contains("a")).isFalse();
    }
}
