package dev.agentgraph.plugins.lines;

import dev.agentgraph.api.Counter;
import dev.agentgraph.api.Event;
import dev.agentgraph.api.EventFormatException;
import dev.agentgraph.api.LogThrottle;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Turns one line of bytes into an event: strict UTF-8, then strict JSON through
 * {@link Event#parse(String)}. A bad line is counted and reported (rate-limited) with its offset,
 * never with its content, which may hold prompts; the caller simply goes on to the next line.
 * Not thread-safe: one per reading thread.
 */
public final class LineDecoder {

    private final String source;
    private final Counter invalidUtf8;
    private final Counter invalidJson;
    private final Counter tooLong;
    private final Logger log;
    private final LogThrottle utf8Warnings = new LogThrottle(Duration.ofSeconds(10));
    private final LogThrottle jsonWarnings = new LogThrottle(Duration.ofSeconds(10));
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    /**
     * @param source names the input in log lines, such as the file path
     * @param counters gives the counters {@code invalid_utf8}, {@code invalid_json}, {@code too_long}
     */
    public LineDecoder(String source, java.util.function.Function<String, Counter> counters, Logger log) {
        this.source = source;
        this.invalidUtf8 = counters.apply("invalid_utf8");
        this.invalidJson = counters.apply("invalid_json");
        this.tooLong = counters.apply("too_long");
        this.log = log;
    }

    /** The event on this line, or {@code null} for a blank or bad line (counted and logged). */
    public Event decode(byte[] buf, int off, int len, long offset) {
        if (len > 0 && buf[off + len - 1] == '\r') {
            len--;
        }
        if (isBlank(buf, off, len)) {
            return null;
        }
        String text;
        try {
            text = isAscii(buf, off, len)
                    ? new String(buf, off, len, StandardCharsets.ISO_8859_1)
                    : utf8.decode(ByteBuffer.wrap(buf, off, len)).toString();
        } catch (CharacterCodingException e) {
            invalidUtf8.increment();
            warn(utf8Warnings, "skipped a line of " + source + " at offset " + offset + ": not valid UTF-8");
            return null;
        }
        try {
            return Event.parse(text);
        } catch (EventFormatException e) {
            invalidJson.increment();
            warn(jsonWarnings, "skipped a line of " + source + " at offset " + offset + ": " + e.getMessage());
            return null;
        }
    }

    /** Counts and reports a line over the cap; each such line is reported once. */
    public void tooLong(long offset, int maxLine) {
        tooLong.increment();
        log.warn("skipped a line of {} at offset {}: longer than {} bytes", source, offset, maxLine);
    }

    private static boolean isBlank(byte[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(byte[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (buf[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** A warning, unless one of its kind was logged less than ten seconds ago. */
    private void warn(LogThrottle kind, String line) {
        long held = kind.admit();
        if (held >= 0) {
            log.warn(LogThrottle.withHeldBack(line, held));
        }
    }
}
