package dev.agentgraph.runtime;

import com.google.gson.JsonObject;
import dev.agentgraph.api.Emitter;
import dev.agentgraph.api.Event;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Reducer;
import dev.agentgraph.api.ReducerFactory;
import dev.agentgraph.api.Sink;
import dev.agentgraph.api.SinkFactory;
import dev.agentgraph.api.Source;
import dev.agentgraph.api.SourceFactory;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** Small components for tests, made from lambdas. */
final class TestComponents {

    private TestComponents() {
    }

    static Event event(String type, int n) {
        return Event.builder(type).put("n", n).build();
    }

    /** A source that runs {@code body} with its emitter on its own thread once started. */
    static SourceFactory source(String id, Consumer<Emitter> body) {
        return new SourceFactory() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Source create(PluginContext context) {
                return new Source() {
                    private Thread thread;

                    @Override
                    public void start(Emitter emitter) {
                        thread = new Thread(() -> body.accept(emitter), "test-source-" + id);
                        thread.setDaemon(true);
                        thread.start();
                    }

                    @Override
                    public void close() {
                        thread.interrupt();
                    }
                };
            }
        };
    }

    /** A reducer factory from a function making the reducer out of its context. */
    static ReducerFactory reducer(String id, int order, Function<PluginContext, Reducer> make) {
        return new ReducerFactory() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public int order() {
                return order;
            }

            @Override
            public Reducer create(PluginContext context) {
                return make.apply(context);
            }
        };
    }

    static SinkFactory sink(String id, Sink sink) {
        return new SinkFactory() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Sink create(PluginContext context) {
                return sink;
            }
        };
    }

    /** A sink that keeps every event it receives. */
    static final class Collecting implements Sink {
        final List<Event> events = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

        @Override
        public void accept(Event event) {
            events.add(event);
        }
    }

    /** A reducer that counts the typed, non-history events it passes on, and says so in snapshots. */
    static final class Counting implements Reducer {
        final List<Event> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        private long count;

        @Override
        public Event reduce(Event event, Emitter emit) {
            seen.add(event);
            if (event.isTyped() && !event.isHistory()) {
                count++;
            }
            return event;
        }

        @Override
        public void tick(Instant now, Emitter emit) {
        }

        @Override
        public void snapshot(JsonObject snapshot) {
            snapshot.addProperty("count", count);
        }
    }
}
