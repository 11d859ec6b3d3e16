package dev.agentgraph.plugins.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgraph.api.Event;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTimeTest {

    private final EventTime time = new EventTime(List.of("ts", "agentgraph_received"));

    @Test
    void readsCanonicalTsAsAnInstant() throws Exception {
        assertThat(time.of(Event.parse("{\"ts\":\"2026-05-02T13:00:00.200Z\",\"event\":\"tool_use\"}")))
                .contains(Instant.parse("2026-05-02T13:00:00.200Z"));
        assertThat(time.of(Event.parse("{\"ts\":\"2026-05-02T15:00:00+02:00\"}")))
                .contains(Instant.parse("2026-05-02T13:00:00Z"));
    }

    @Test
    void fallsBackToTheReceiveTimeInEpochSecondsOrMillis() throws Exception {
        assertThat(time.of(Event.parse("{\"hook_event_name\":\"Stop\",\"agentgraph_received\":1777726800.5}")))
                .contains(Instant.ofEpochMilli(1777726800500L));
        assertThat(time.of(Event.parse("{\"hook_event_name\":\"Stop\",\"agentgraph_received\":1777726800500}")))
                .contains(Instant.ofEpochMilli(1777726800500L));
    }

    @Test
    void readsTheReceiveTimeTheHookScriptWrites() throws Exception {
        assertThat(new EventTime(List.of(ReplaySourceFactory.DEFAULT_TIME_FIELDS.split(",")))
                .of(Event.parse("{\"agentgraph_received\":\"2026-11-24T00:15:02.123Z\",\"hook_event_name\":\"Stop\"}")))
                .contains(Instant.parse("2026-11-24T00:15:02.123Z"));
    }

    @Test
    void aLineWithoutAUsableTimeHasNone() throws Exception {
        assertThat(time.of(Event.parse("{\"hook_event_name\":\"Stop\"}"))).isEmpty();
        assertThat(time.of(Event.parse("{\"ts\":\"yesterday\"}"))).isEmpty();
        assertThat(time.of(Event.parse("{\"ts\":{\"a\":1},\"agentgraph_received\":-3}"))).isEmpty();
    }
}
