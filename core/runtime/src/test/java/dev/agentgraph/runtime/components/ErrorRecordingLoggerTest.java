package dev.agentgraph.runtime.components;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Source;
import dev.agentgraph.api.SourceFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MarkerFactory;

class ErrorRecordingLoggerTest {

    private static final Instant NOW = Instant.parse("2026-12-02T04:00:00Z");

    private final ComponentRecord record = new ComponentRecord(new SourceFactory() {
        @Override
        public String id() {
            return "broken";
        }

        @Override
        public Source create(PluginContext context) {
            throw new UnsupportedOperationException("not made in this test");
        }
    }, ComponentRecord.EMBEDDED);

    private final Logger log = ErrorRecordingLogger.wrap(LoggerFactory.getLogger("agentgraph.test.error-recording"), record,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void everyErrorMethodNotesItsFormattedMessage() {
        log.error("plain");
        assertThat(record.lastError()).isEqualTo("plain");
        log.error("one {}", "argument");
        assertThat(record.lastError()).isEqualTo("one argument");
        log.error("two {} {}", "arguments", 2);
        assertThat(record.lastError()).isEqualTo("two arguments 2");
        log.error("three {} {} {}", "a", "b", "c");
        assertThat(record.lastError()).isEqualTo("three a b c");
        log.error("with a cause {}", "here", new IllegalStateException("boom"));
        assertThat(record.lastError()).isEqualTo("with a cause here");
        log.error("a throwable", new IllegalStateException("boom"));
        assertThat(record.lastError()).isEqualTo("a throwable");
        log.error(MarkerFactory.getMarker("M"), "marked {}", 1);
        assertThat(record.lastError()).isEqualTo("marked 1");
        assertThat(record.lastErrorAt()).isEqualTo(NOW);
    }

    @Test
    void otherLevelsAreNotNotedAndLongMessagesAreCut() {
        log.warn("only a warning");
        log.info("only news");
        assertThat(record.lastError()).isNull();
        log.error("{}", "x".repeat(1_000));
        assertThat(record.lastError()).hasSize(301).endsWith("…");
        assertThat(log.getName()).isEqualTo("agentgraph.test.error-recording");
    }
}
