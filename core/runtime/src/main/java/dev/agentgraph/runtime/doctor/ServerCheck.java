package dev.agentgraph.runtime.doctor;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server on the configured port: whether it answers {@code /health}, whether its sources
 * run ({@code /api/health}), whether it reads the event file this configuration names and has
 * received its latest event, and how many events it received ({@code /api/stats}).
 */
final class ServerCheck {

    /** A tail reads a new line within milliseconds; this much later it is not reading. */
    private static final Duration UNREAD_GRACE = Duration.ofSeconds(5);

    private ServerCheck() {
    }

    /**
     * @param fileLast when the last event reached the event file, when a runtime's hooks write
     *     there: an event the server has not received since is a tail that stopped
     */
    static List<Finding> check(DoctorContext context, Instant now, Optional<Instant> fileLast) {
        List<Finding> findings = new ArrayList<>();
        String base = context.serverAddress();
        Optional<String> token = Optional.ofNullable(context.config().token());
        Http.Answer live = Http.get(URI.create(base + "/health"), Optional.empty());
        if (!live.answered()) {
            findings.add(Finding.problem("no server answers on " + base + "/ (" + live.failure() + ")",
                    "start it: agentgraph (or keep it running: agentgraph service install); if it runs on another"
                            + " port, run agentgraph doctor --port N"));
            return findings;
        }
        if (live.status() != 200) {
            findings.add(Finding.problem(base + "/health answers " + live.status() + ": this is not AgentGraph, or it is unwell",
                    "check what listens on port " + context.config().port() + " (ss -ltnp), or choose another with --port"));
            return findings;
        }
        Http.Answer health = Http.get(URI.create(base + "/api/health"), token);
        if (health.status() == 401) {
            findings.add(Finding.problem("the server on " + base + "/ wants a token and this configuration has "
                    + (token.isPresent() ? "another one" : "none"),
                    "give doctor the server's token (server.token, or the environment variable the server reads)"));
            return findings;
        }
        JsonObject h = object(health.body());
        if (health.status() != 200 || h == null) {
            findings.add(Finding.problem("the server on " + base + "/ has no /api/health (answer " + health.status()
                    + "): an older AgentGraph", "restart it from this installation"));
            return findings;
        }
        Instant started = instant(string(h, "started_at"));
        findings.add(Finding.ok("AgentGraph " + string(h, "version") + " runs on " + base + "/"
                + (started == null ? "" : " (started " + started.truncatedTo(ChronoUnit.SECONDS) + ")")));
        for (JsonElement problem : h.getAsJsonArray("problems")) {
            findings.add(Finding.problem("server: " + problem.getAsString(), "see the server's log (docs/operations.md)"));
        }
        String served = string(h, "events_file");
        Path mine = context.config().eventsFile().toAbsolutePath();
        Instant lastReceived = lastSourceEvent(h);
        if (served != null && Path.of(served).equals(mine) && fileLast.isPresent() && started != null
                && fileLast.get().isAfter(started)
                && (lastReceived == null || fileLast.get().isAfter(lastReceived.plus(UNREAD_GRACE)))) {
            findings.add(Finding.problem("the event file got an event at " + fileLast.get().truncatedTo(ChronoUnit.SECONDS)
                    + " that the server has not received (its sources' last: "
                    + (lastReceived == null ? "none since it started" : lastReceived.truncatedTo(ChronoUnit.SECONDS)) + ")",
                    "see the server's log for the tail's error; restart the server"));
        }
        if (served == null) {
            findings.add(Finding.problem("the server reads no event file (its jsonl-tail source is off)",
                    "enable it (plugin.jsonl-tail.enabled=true), or use http hooks: agentgraph hooks install --mode http"));
        } else if (!Path.of(served).equals(mine)) {
            findings.add(Finding.problem("the server reads " + served + ", not " + mine,
                    "run doctor with the server's --events or --config, or restart the server with --events " + mine));
        }
        findings.add(received(lastReceived, object(Http.get(URI.create(base + "/api/stats"), token).body()), now));
        return findings;
    }

    /** When a source last emitted an event, or null. */
    private static Instant lastSourceEvent(JsonObject health) {
        Instant last = null;
        for (Map.Entry<String, JsonElement> c : health.getAsJsonObject("components").entrySet()) {
            Instant at = instant(string(c.getValue().getAsJsonObject(), "last_event_at"));
            if (at != null && (last == null || at.isAfter(last))) {
                last = at;
            }
        }
        return last;
    }

    /** How many events reached the pipeline since the server started, and when a source last emitted one. */
    private static Finding received(Instant last, JsonObject stats, Instant now) {
        long inbound = stats != null && stats.has("pipeline") ? stats.getAsJsonObject("pipeline").get("events_in").getAsLong() : 0;
        return Finding.ok("the server has received " + inbound + " events since it started"
                + (last == null ? "" : ", the last " + EventFileCheck.ago(last, now)));
    }

    private static JsonObject object(String body) {
        try {
            JsonElement e = JsonParser.parseString(body);
            return e.isJsonObject() ? e.getAsJsonObject() : null;
        } catch (JsonParseException e) {
            return null;
        }
    }

    private static String string(JsonObject o, String field) {
        return o.has(field) && o.get(field).isJsonPrimitive() ? o.get(field).getAsString() : null;
    }

    private static Instant instant(String s) {
        try {
            return s == null ? null : Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
