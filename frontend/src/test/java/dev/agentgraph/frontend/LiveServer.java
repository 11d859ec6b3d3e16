package dev.agentgraph.frontend;

import java.nio.file.Path;

import dev.agentgraph.plugins.alive.AliveAgentsFactory;
import dev.agentgraph.plugins.claudecode.ClaudeCodeFactory;
import dev.agentgraph.plugins.jsonltail.JsonlTailFactory;
import dev.agentgraph.plugins.tools.ToolAggregatorFactory;
import dev.agentgraph.plugins.websocket.WebSocketSinkFactory;
import dev.agentgraph.testkit.TestAgentGraph;

/**
 * The real server as a user runs it, minus PF4J loading: the event file tail, the Claude Code
 * decoder, alive agents, the tool aggregator and the WebSocket sink, with this module's page on
 * the classpath.
 */
final class LiveServer {

    private LiveServer() {
    }

    /** Starts on {@code port} (0 for any) with {@code events} as its event file. */
    static TestAgentGraph start(Path events, int port) {
        return start(events, port, null);
    }

    /** The same, requiring {@code token} (when not null) on every request. */
    static TestAgentGraph start(Path events, int port, String token) {
        TestAgentGraph.Builder builder = builder(events, port);
        if (token != null) {
            builder.set("server.token", token);
        }
        return builder.start();
    }

    /** The server's builder, for a test that adds a component or a key before it starts. */
    static TestAgentGraph.Builder builder(Path events, int port) {
        return TestAgentGraph.builder()
                .component(new JsonlTailFactory())
                .component(new ClaudeCodeFactory())
                .component(new AliveAgentsFactory())
                .component(new ToolAggregatorFactory())
                .component(new WebSocketSinkFactory())
                .set("server.port", Integer.toString(port))
                .eventsFile(events);
    }
}
