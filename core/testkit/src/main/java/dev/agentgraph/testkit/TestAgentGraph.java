package dev.agentgraph.testkit;

import com.google.gson.JsonObject;
import dev.agentgraph.api.Component;
import dev.agentgraph.api.Event;
import dev.agentgraph.runtime.AgentGraph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A real {@link AgentGraph} for tests: the real server on {@code 127.0.0.1}, port 0, with the
 * components a test chooses. Unless told otherwise, its event file is a fresh file in a new
 * temporary directory, so a test never touches the user's own.
 *
 * <pre>{@code
 * try (TestAgentGraph graph = TestAgentGraph.builder().component(new WebSocketSinkFactory()).start();
 *      WsClient ws = WsClient.connect(graph.ws("/stream"))) {
 *     ws.snapshot();
 *     graph.emit(Event.builder("agent_spawn").put("id", "a1").build());
 *     ws.awaitFrame(f -> "event".equals(f.get("type").getAsString()));
 * }
 * }</pre>
 */
public final class TestAgentGraph implements AutoCloseable {

    private final AgentGraph graph;

    private TestAgentGraph(AgentGraph graph) {
        this.graph = graph;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int port() {
        return graph.port();
    }

    /** {@code http://127.0.0.1:PORT/path}. */
    public URI http(String path) {
        return graph.uri(path);
    }

    /** {@code ws://127.0.0.1:PORT/path}. */
    public URI ws(String path) {
        return URI.create("ws" + graph.uri(path).toString().substring("http".length()));
    }

    /** Injects an event into the pipeline, as a source would. */
    public void emit(Event event) {
        graph.inject().emit(event);
    }

    /** The same JSON as {@code GET /api/stats}. */
    public JsonObject stats() {
        return graph.stats();
    }

    /** The AgentGraph underneath. */
    public AgentGraph graph() {
        return graph;
    }

    @Override
    public void close() {
        graph.close();
    }

    /** Chooses the components and settings of a {@link TestAgentGraph}. */
    public static final class Builder {
        private final AgentGraph.Builder graph = AgentGraph.builder().set("server.host", "127.0.0.1").set("server.port", "0");
        private Path eventsFile;

        private Builder() {
        }

        /** Adds a Source-, Reducer- or SinkFactory. */
        public Builder component(Component factory) {
            graph.component(factory);
            return this;
        }

        /** Sets a configuration key, such as {@code plugin.alive-agents.stale-after}. */
        public Builder set(String key, String value) {
            graph.set(key, value);
            return this;
        }

        /** The event file components see ({@code events.file}). */
        public Builder eventsFile(Path file) {
            this.eventsFile = file;
            return this;
        }

        /** Loads PF4J plugins from this directory too. */
        public Builder pluginsDir(Path dir) {
            graph.pluginsDir(dir);
            return this;
        }

        public Builder clock(Clock clock) {
            graph.clock(clock);
            return this;
        }

        /** Starts it; throws as {@link AgentGraph.Builder#start()} does. */
        public TestAgentGraph start() {
            Path file = eventsFile;
            if (file == null) {
                try {
                    file = Files.createTempDirectory("agentgraph-test").resolve("agent-events.jsonl");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            graph.set("events.file", file.toString());
            return new TestAgentGraph(graph.start());
        }
    }
}
