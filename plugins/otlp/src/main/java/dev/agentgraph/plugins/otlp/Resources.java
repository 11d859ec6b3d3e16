package dev.agentgraph.plugins.otlp;

import io.opentelemetry.proto.resource.v1.Resource;
import java.time.Instant;

/** What an OTLP resource says about where telemetry comes from, and OTLP time stamps. */
final class Resources {

    /** {@code service.name} is the session's runtime, {@code host.name} its machine. */
    record Origin(String runtime, String host) {
    }

    private Resources() {
    }

    static Origin origin(Resource resource) {
        Attributes a = Attributes.of(resource.getAttributesList());
        return new Origin(a.string("service.name", Texts.ID), a.string("host.name", Texts.ID));
    }

    /** A time in nanoseconds since the epoch; {@code fallback} when unset (0) or absurd. */
    static Instant time(long unixNanos, Instant fallback) {
        if (unixNanos <= 0) {
            return fallback;
        }
        return Instant.ofEpochSecond(unixNanos / 1_000_000_000L, unixNanos % 1_000_000_000L);
    }
}
