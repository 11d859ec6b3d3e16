package dev.agentgraph.plugins.otlpexport;

import dev.agentgraph.api.Counter;
import dev.agentgraph.api.Event;
import dev.agentgraph.api.PluginConfig;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Routes;
import dev.agentgraph.api.Snapshots;
import dev.agentgraph.runtime.config.ComponentConfig;
import dev.agentgraph.runtime.config.Settings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the export costs per event on the sink's own thread (the pipeline never waits for it):
 * canonical events of many sessions (agents with tool calls) through {@link OtlpExportSink}, its
 * spans batched and sent to a local OTLP endpoint that decodes them. Run by
 * {@code dist/bench/otlp-export.sh}.
 */
public final class ExportCost {

    private ExportCost() {
    }

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int pacedRate = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        List<Event> warmup = events(sessions / 4, "w");
        List<Event> events = events(sessions, "s");
        long spans = events.stream().filter(e -> e.type().equals("agent_done") || e.type().equals("tool_done")
                || e.type().equals("session_end")).count();
        try (OtlpEndpoint endpoint = new OtlpEndpoint()) {
            run(endpoint, warmup);
            int before = endpoint.spans().size();
            Context context = new Context(endpoint.url());
            OtlpExportSink sink = new OtlpExportSink(context, ExportSettings.read(context.config(), Map.of()));
            long start = System.nanoTime();
            for (Event e : events) {
                sink.accept(e);
            }
            long accepted = System.nanoTime() - start;
            sink.close();
            long total = System.nanoTime() - start;
            int received = endpoint.spans().size() - before;
            System.out.printf("%,d events (%,d sessions of 10 agents with 9 tool calls each), %,d spans%n",
                    events.size(), sessions, spans);
            System.out.printf("on the sink thread: %.2f µs per event (%,.0f events/s)%n",
                    accepted / 1e3 / events.size(), events.size() / (accepted / 1e9));
            System.out.printf("until the last batch was answered: %.2f s; spans received %,d of %,d (%,d dropped by the bounded queue)%n",
                    total / 1e9, received, spans, spans - received);

            // The same events at a steady rate, as a busy team's stream would bring them.
            List<Event> paced = events(sessions / 4, "p");
            long pacedSpans = paced.stream().filter(e -> e.type().equals("agent_done") || e.type().equals("tool_done")
                    || e.type().equals("session_end")).count();
            int before2 = endpoint.spans().size();
            OtlpExportSink steady = new OtlpExportSink(context, ExportSettings.read(context.config(), Map.of()));
            long begin = System.nanoTime();
            for (int i = 0; i < paced.size(); i++) {
                steady.accept(paced.get(i));
                long due = begin + (long) (i * 1e9 / pacedRate);
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
            }
            steady.close();
            int received2 = endpoint.spans().size() - before2;
            System.out.printf("at %,d events/s for %.1f s: spans received %,d of %,d (%,d dropped)%n", pacedRate,
                    paced.size() / (double) pacedRate, received2, pacedSpans, pacedSpans - received2);
        }
    }

    private static void run(OtlpEndpoint endpoint, List<Event> events) throws Exception {
        Context context = new Context(endpoint.url());
        OtlpExportSink sink = new OtlpExportSink(context, ExportSettings.read(context.config(), Map.of()));
        for (Event e : events) {
            sink.accept(e);
        }
        sink.close();
    }

    private static List<Event> events(int sessions, String prefix) {
        List<Event> events = new ArrayList<>();
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        for (int s = 0; s < sessions; s++) {
            String session = prefix + s;
            events.add(Event.builder("session_start").ts(t).put("session_id", session).put("model", "claude-opus-4-7").build());
            for (int a = 0; a < 10; a++) {
                String agent = "a" + a;
                events.add(Event.builder("agent_spawn").ts(t).put("session_id", session).put("id", agent)
                        .put("parent_id", a == 0 ? "main" : "a" + (a - 1)).put("subagent_type", "Explore").build());
                for (int k = 0; k < 9; k++) {
                    String call = session + "-" + agent + "-" + k;
                    events.add(Event.builder("tool_use").ts(t).put("session_id", session).put("agent_id", agent)
                            .put("tool", "Read").put("tool_use_id", call).build());
                    events.add(Event.builder("tool_done").ts(t.plusMillis(5)).put("session_id", session).put("agent_id", agent)
                            .put("tool", "Read").put("tool_use_id", call).build());
                }
                events.add(Event.builder("agent_done").ts(t.plusMillis(100)).put("session_id", session).put("id", agent)
                        .put("outcome", "success").put("cost_usd", 0.01).build());
            }
            events.add(Event.builder("session_end").ts(t.plusSeconds(1)).put("session_id", session).build());
        }
        return events;
    }

    /** Just enough host for one sink: its configuration, a logger and counters. */
    private static final class Context implements PluginContext {
        private final PluginConfig config;
        private final Map<String, Counter> counters = new ConcurrentHashMap<>();

        Context(String endpoint) {
            this.config = new ComponentConfig(Settings.empty().with("plugin.otlp-export.endpoint", endpoint), "otlp-export");
        }

        @Override
        public String id() {
            return "otlp-export";
        }

        @Override
        public PluginConfig config() {
            return config;
        }

        @Override
        public Path eventsFile() {
            return Path.of("unused");
        }

        @Override
        public Logger log() {
            return LoggerFactory.getLogger("otlp-export");
        }

        @Override
        public Counter counter(String name) {
            return counters.computeIfAbsent(name, n -> new Counter() {
                private final AtomicLong value = new AtomicLong();

                @Override
                public void add(long n) {
                    value.addAndGet(n);
                }

                @Override
                public long get() {
                    return value.get();
                }
            });
        }

        @Override
        public Routes routes() {
            throw new UnsupportedOperationException("a sink mounts no routes");
        }

        @Override
        public Snapshots snapshots() {
            throw new UnsupportedOperationException("not used by the sink");
        }

        @Override
        public dev.agentgraph.api.Rebuilds rebuilds() {
            throw new UnsupportedOperationException("not used by the sink");
        }

        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }
    }
}
