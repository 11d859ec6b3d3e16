package dev.agentgraph.runtime.components;

import dev.agentgraph.api.Component;
import dev.agentgraph.api.ConfigException;
import dev.agentgraph.api.Controls;
import dev.agentgraph.api.Reducer;
import dev.agentgraph.api.ReducerFactory;
import dev.agentgraph.api.Routes;
import dev.agentgraph.api.Sink;
import dev.agentgraph.api.SinkFactory;
import dev.agentgraph.api.Source;
import dev.agentgraph.api.SourceFactory;
import dev.agentgraph.runtime.config.ComponentConfig;
import dev.agentgraph.runtime.config.CoreConfig;
import dev.agentgraph.runtime.config.Settings;
import dev.agentgraph.runtime.config.Values;
import dev.agentgraph.runtime.pipeline.Bounded;
import dev.agentgraph.runtime.pipeline.Guard;
import dev.agentgraph.runtime.pipeline.InlineSink;
import dev.agentgraph.runtime.pipeline.Pipeline;
import dev.agentgraph.runtime.pipeline.ReducerStage;
import dev.agentgraph.runtime.pipeline.SinkRunner;
import dev.agentgraph.runtime.plugins.DiscoveredComponent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every enabled component and wires it into the pipeline. Components given to the builder
 * and components from plugins are treated alike. A component whose {@code create()} throws is
 * marked failed and left out (the others run); a configuration error is a startup error naming
 * the key, and so is a configured {@code plugin.<id>.<key>} that nothing read.
 */
public final class ComponentAssembly {

    private static final Logger LOG = LoggerFactory.getLogger("agentgraph.components");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

    private final List<ComponentRecord> records;
    private final Map<ComponentRecord, ComponentContext> contexts = new LinkedHashMap<>();
    private final Map<ComponentRecord, Source> sources = new LinkedHashMap<>();
    private final List<Runnable> unstartedCleanup = new ArrayList<>();

    private ComponentAssembly(List<ComponentRecord> records) {
        this.records = records;
    }

    /** Checks ids (well-formed, unique) and orders the components: sources, reducers by order, sinks; then by id. */
    public static ComponentAssembly of(List<Component> embedded, List<DiscoveredComponent> discovered) {
        List<ComponentRecord> all = new ArrayList<>();
        embedded.forEach(f -> all.add(new ComponentRecord(f, ComponentRecord.EMBEDDED)));
        discovered.forEach(d -> all.add(new ComponentRecord(d.factory(), d.pluginId())));
        Map<String, ComponentRecord> byId = new LinkedHashMap<>();
        for (ComponentRecord r : all) {
            String id = r.id();
            if (id == null || !ID.matcher(id).matches()) {
                throw new IllegalArgumentException("component " + r.factory().getClass().getName() + " from " + r.origin()
                        + " has an invalid id \"" + id + "\" (letters, digits, '-' and '_' only)");
            }
            ComponentRecord other = byId.putIfAbsent(id, r);
            if (other != null) {
                throw new IllegalArgumentException("two components have the id \"" + id + "\": " + describe(other)
                        + " and " + describe(r) + "; component ids must be unique");
            }
        }
        all.sort(Comparator.comparing(ComponentRecord::kind)
                .thenComparingInt(r -> r.factory() instanceof ReducerFactory f ? f.order() : 0)
                .thenComparing(ComponentRecord::id));
        return new ComponentAssembly(all);
    }

    public List<ComponentRecord> records() {
        return records;
    }

    /** Makes every enabled component; reducers and sinks go into {@code pipeline}. */
    public void create(Settings settings, CoreConfig core, Routes routes, Pipeline pipeline, Clock clock, Controls controls) {
        for (ComponentRecord record : records) {
            ComponentConfig config = new ComponentConfig(settings, record.id());
            if (!enabled(settings, config, record)) {
                record.disabled();
                continue;
            }
            ComponentContext context = new ComponentContext(record, config, core.eventsFile(), routes,
                    pipeline.snapshots(), pipeline.rebuilds(), clock, controls);
            contexts.put(record, context);
            Guard guard = new Guard(record.stats(), context.log());
            try {
                create(record, context, guard, core, pipeline);
            } catch (ConfigException e) {
                throw e;
            } catch (Exception | LinkageError e) {
                String message = e.getMessage() == null ? e.toString() : e.getMessage();
                record.failed(message);
                LOG.error("component {} ({}) failed to start and is left out: {}", record.id(), record.origin(), message, e);
            }
        }
    }

    private void create(ComponentRecord record, ComponentContext context, Guard guard, CoreConfig core, Pipeline pipeline)
            throws Exception {
        switch (record.kind()) {
            case SOURCE -> {
                sources.put(record, notNull(((SourceFactory) record.factory()).create(context)));
                record.running();
            }
            case REDUCER -> {
                ReducerFactory factory = (ReducerFactory) record.factory();
                Reducer reducer = notNull(factory.create(context));
                ReducerStage stage = new ReducerStage(record.id(), factory.order(), reducer,
                        () -> notNull(factory.create(context)), record.stats(), guard);
                pipeline.addReducer(stage);
                unstartedCleanup.add(stage::close);
                record.running();
            }
            case SINK -> {
                Sink sink = notNull(((SinkFactory) record.factory()).create(context));
                if (sink instanceof Sink.Idle idle) {
                    record.idle(idle.reason());
                    return;
                }
                if (sink.inline()) {
                    pipeline.addInlineSink(new InlineSink(record.id(), sink, record.stats(), guard));
                } else {
                    pipeline.addSink(new SinkRunner(record.id(), sink, record.stats(), guard, core.sinkQueueSize()));
                }
                unstartedCleanup.add(() -> guard.run("close", sink::close));
                record.running();
            }
        }
    }

    /**
     * Refuses configured keys that name no component, and keys of a running component that it did
     * not read (a disabled component's keys are not checked: it never read them).
     */
    public void checkKeys(Settings settings) {
        Set<String> ids = new TreeSet<>();
        records.forEach(r -> ids.add(r.id()));
        for (String key : settings.keys()) {
            if (!key.startsWith(CoreConfig.PLUGIN_PREFIX)) {
                continue;
            }
            String rest = key.substring(CoreConfig.PLUGIN_PREFIX.length());
            String id = rest.substring(0, Math.max(0, rest.indexOf('.')));
            if (!ids.contains(id)) {
                throw new ConfigException(key, "unknown key: there is no component \"" + id + "\" (components: "
                        + String.join(", ", ids) + ")");
            }
        }
        for (Map.Entry<ComponentRecord, ComponentContext> e : contexts.entrySet()) {
            if (!e.getKey().isUp()) {
                continue;
            }
            Set<String> unread = e.getValue().componentConfig().unreadKeys();
            if (!unread.isEmpty()) {
                throw new ConfigException(unread.iterator().next(), "unknown key: component \"" + e.getKey().id()
                        + "\" does not use it");
            }
        }
    }

    /** Starts every source with an emitter into the pipeline; a source that fails to start is left out. */
    public void startSources(Pipeline pipeline) {
        for (Map.Entry<ComponentRecord, Source> e : sources.entrySet()) {
            ComponentRecord record = e.getKey();
            Guard guard = new Guard(record.stats(), contexts.get(record).log());
            Source source = e.getValue();
            if (!guard.run("start", () -> source.start(pipeline.emitter(record.stats())))) {
                record.failed("start() failed; see the log");
                guard.run("close", source::close);
            }
        }
        unstartedCleanup.clear();
    }

    /** Closes every source, each in bounded time, so that the pipeline can drain. */
    public void closeSources() {
        for (Map.Entry<ComponentRecord, Source> e : sources.entrySet()) {
            ComponentRecord record = e.getKey();
            Guard guard = new Guard(record.stats(), contexts.get(record).log());
            if (!Bounded.run("agentgraph-close-" + record.id(), CLOSE_TIMEOUT, guard, "close", e.getValue()::close)) {
                LOG.warn("source {} did not close within {} s; going on without it", record.id(), CLOSE_TIMEOUT.toSeconds());
            }
        }
    }

    /** Closes what was made when startup fails before the pipeline ran. */
    public void closeUnstarted() {
        sources.forEach((record, source) -> new Guard(record.stats(), LOG).run("close", source::close));
        unstartedCleanup.forEach(Runnable::run);
        unstartedCleanup.clear();
    }

    private static boolean enabled(Settings settings, ComponentConfig config, ComponentRecord record) {
        config.markRead("enabled");
        String key = config.fullKey("enabled");
        return settings.get(key).map(v -> Values.bool(key, v)).orElseGet(() -> record.factory().enabledByDefault());
    }

    private static <T> T notNull(T made) {
        if (made == null) {
            throw new IllegalStateException("create() returned null");
        }
        return made;
    }

    private static String describe(ComponentRecord r) {
        return r.factory().getClass().getName() + " (" + r.origin() + ")";
    }
}
