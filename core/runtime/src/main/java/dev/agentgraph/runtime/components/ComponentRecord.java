package dev.agentgraph.runtime.components;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.agentgraph.api.Component;
import dev.agentgraph.api.ReducerFactory;
import dev.agentgraph.runtime.pipeline.ComponentStats;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One component known to AgentGraph: where it came from (a plugin id, or {@code embedded} for one
 * given to the builder), whether it is enabled, its state ({@code running}, {@code disabled},
 * {@code idle}: a sink with nothing to do, {@code failed}) and counters.
 */
public final class ComponentRecord {

    public static final String EMBEDDED = "embedded";

    private final Component factory;
    private final ComponentKind kind;
    private final String origin;
    private final ComponentStats stats;
    private final List<String> routes = new CopyOnWriteArrayList<>();
    private volatile String state = "created";
    private volatile String error;
    private volatile String idleReason;
    private volatile boolean readsEventsFile;
    private volatile Instant lastErrorAt;
    private volatile String lastError;

    public ComponentRecord(Component factory, String origin) {
        this.factory = factory;
        this.kind = ComponentKind.of(factory);
        this.origin = origin;
        this.stats = new ComponentStats(factory.id());
    }

    public String id() {
        return factory.id();
    }

    public Component factory() {
        return factory;
    }

    public ComponentKind kind() {
        return kind;
    }

    public String origin() {
        return origin;
    }

    public ComponentStats stats() {
        return stats;
    }

    public String state() {
        return state;
    }

    public String error() {
        return error;
    }

    public void running() {
        state = "running";
    }

    public void disabled() {
        state = "disabled";
    }

    /** A sink its configuration left nothing to do ({@link dev.agentgraph.api.Sink#idle}): it runs without a thread. */
    public void idle(String reason) {
        state = "idle";
        idleReason = reason;
    }

    /** Running, or idle: created as configured, its keys read. */
    public boolean isUp() {
        return state.equals("running") || state.equals("idle");
    }

    public void failed(String message) {
        state = "failed";
        error = message;
    }

    /** Notes an error the component logged while it runs. */
    void loggedError(Instant at, String message) {
        lastError = message;
        lastErrorAt = at;
    }

    /** The last error the component logged, or null. */
    public String lastError() {
        return lastError;
    }

    /** When it was logged, or null. */
    public Instant lastErrorAt() {
        return lastErrorAt;
    }

    /**
     * Whether the component is in trouble: it failed to start, or it is a source that logged an
     * error and has emitted nothing since (it broke while running). A reducer's or sink's errors
     * are per event, counted in its stats.
     */
    public boolean inTrouble() {
        if (state.equals("failed")) {
            return true;
        }
        Instant errorAt = lastErrorAt;
        Instant eventAt = stats.lastEventAt();
        return kind == ComponentKind.SOURCE && state.equals("running") && errorAt != null && (eventAt == null || !eventAt.isAfter(errorAt));
    }

    /** {@code {kind, plugin, state, error?, last_event_at?, last_error?:{at, message}}}, for {@code /api/health}. */
    public JsonObject healthJson() {
        JsonObject json = new JsonObject();
        json.addProperty("kind", kind.label());
        json.addProperty("plugin", origin);
        json.addProperty("state", state);
        if (error != null) {
            json.addProperty("error", error);
        }
        if (idleReason != null) {
            json.addProperty("reason", idleReason);
        }
        json.addProperty("events", kind == ComponentKind.SOURCE ? stats.out().get() : stats.in().get());
        if (stats.lastEventAt() != null) {
            json.addProperty("last_event_at", stats.lastEventAt().toString());
        }
        if (lastError != null) {
            JsonObject last = new JsonObject();
            last.addProperty("at", lastErrorAt.toString());
            last.addProperty("message", lastError);
            json.add("last_error", last);
        }
        json.addProperty("ok", !inTrouble());
        return json;
    }

    /** Whether the component asked for the event file: the startup line names the file only then. */
    public boolean readsEventsFile() {
        return readsEventsFile;
    }

    void askedForEventsFile() {
        readsEventsFile = true;
    }

    /** Notes a route the component mounted, such as {@code WS /stream}. */
    void mounted(String route) {
        routes.add(route);
    }

    /** The description line of {@code agentgraph plugins} and {@code /api/plugins}. */
    public JsonObject describe() {
        JsonObject json = new JsonObject();
        json.addProperty("id", id());
        json.addProperty("kind", kind.label());
        json.addProperty("plugin", origin);
        json.addProperty("description", safe(factory::description));
        if (factory instanceof ReducerFactory r) {
            json.addProperty("order", r.order());
        }
        json.addProperty("state", state);
        if (error != null) {
            json.addProperty("error", error);
        }
        if (idleReason != null) {
            json.addProperty("reason", idleReason);
        }
        JsonArray mounted = new JsonArray();
        routes.forEach(mounted::add);
        json.add("routes", mounted);
        return json;
    }

    /** {@link #describe()} plus the counters, for {@code /api/stats}. */
    public JsonObject statsJson() {
        JsonObject json = new JsonObject();
        json.addProperty("kind", kind.label());
        json.addProperty("plugin", origin);
        json.addProperty("state", state);
        if (error != null) {
            json.addProperty("error", error);
        }
        if (idleReason != null) {
            json.addProperty("reason", idleReason);
        }
        stats.toJson().entrySet().forEach(e -> json.add(e.getKey(), e.getValue()));
        return json;
    }

    private static String safe(java.util.function.Supplier<String> s) {
        try {
            String v = s.get();
            return v == null ? "" : v;
        } catch (RuntimeException e) {
            return "";
        }
    }
}
