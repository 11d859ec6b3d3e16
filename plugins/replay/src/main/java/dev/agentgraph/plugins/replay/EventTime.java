package dev.agentgraph.plugins.replay;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import dev.agentgraph.api.Event;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * When a recorded line happened: the first of the configured members that holds a time. A time is
 * an ISO-8601 instant ({@code 2026-05-02T13:00:00.200Z}, with or without an offset) or a number of
 * epoch seconds or milliseconds (told apart by size), which covers canonical {@code ts} and the
 * receive time the hook adds to a raw payload.
 */
final class EventTime {

    /** Numbers above this are milliseconds: 1e11 seconds is the year 5138. */
    private static final double MILLIS_THRESHOLD = 1e11;

    private final List<String> fields;

    EventTime(List<String> fields) {
        this.fields = List.copyOf(fields);
    }

    Optional<Instant> of(Event event) {
        for (String field : fields) {
            JsonElement e = event.get(field);
            if (e != null && e.isJsonPrimitive()) {
                Optional<Instant> t = parse(e.getAsJsonPrimitive());
                if (t.isPresent()) {
                    return t;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Instant> parse(JsonPrimitive p) {
        try {
            if (p.isNumber()) {
                double n = p.getAsDouble();
                if (!(n > 0) || Double.isInfinite(n)) {
                    return Optional.empty();
                }
                long millis = n > MILLIS_THRESHOLD ? (long) n : (long) (n * 1000);
                return Optional.of(Instant.ofEpochMilli(millis));
            }
            if (p.isString()) {
                String s = p.getAsString();
                try {
                    return Optional.of(Instant.parse(s));
                } catch (DateTimeException e) {
                    return Optional.of(OffsetDateTime.parse(s).toInstant());
                }
            }
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
