package dev.agentgraph.runtime.pipeline;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The counters of one component, shown in {@code /api/stats}: events in (handed to it), events
 * out (passed on by it), errors (exceptions it threw), drops (events lost at its door), and the
 * counters the component defines itself.
 */
public final class ComponentStats {

    private final String id;
    private final SimpleCounter in = new SimpleCounter();
    private final SimpleCounter out = new SimpleCounter();
    private final SimpleCounter errors = new SimpleCounter();
    private final SimpleCounter drops = new SimpleCounter();
    private final Map<String, SimpleCounter> custom = new ConcurrentHashMap<>();
    private volatile Instant lastEventAt;

    public ComponentStats(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public SimpleCounter in() {
        return in;
    }

    public SimpleCounter out() {
        return out;
    }

    public SimpleCounter errors() {
        return errors;
    }

    public SimpleCounter drops() {
        return drops;
    }

    /** Notes when the component last passed an event on (a source: emitted one). */
    public void eventAt(Instant when) {
        lastEventAt = when;
    }

    /** When the component last passed an event on; null before the first. */
    public Instant lastEventAt() {
        return lastEventAt;
    }

    /** A counter the component defines; the same name gives the same counter. */
    public SimpleCounter counter(String name) {
        return custom.computeIfAbsent(name, n -> new SimpleCounter());
    }

    /** {@code {"events_in":…,"events_out":…,"errors":…,"drops":…,"counters":{…},"last_event_at"?:…}}. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("events_in", in.get());
        json.addProperty("events_out", out.get());
        json.addProperty("errors", errors.get());
        json.addProperty("drops", drops.get());
        JsonObject counters = new JsonObject();
        new TreeMap<>(custom).forEach((name, c) -> counters.addProperty(name, c.get()));
        json.add("counters", counters);
        if (lastEventAt != null) {
            json.addProperty("last_event_at", lastEventAt.toString());
        }
        return json;
    }
}
