package dev.agentgraph.plugins.otlp.multihost;

import dev.agentgraph.plugins.alive.AliveAgentsFactory;
import dev.agentgraph.plugins.claudecode.ClaudeCodeFactory;
import dev.agentgraph.plugins.httpingest.HttpIngestFactory;
import dev.agentgraph.plugins.otlp.OtlpFactory;
import dev.agentgraph.plugins.otlp.OtlpJoinFactory;
import dev.agentgraph.plugins.websocket.WebSocketSinkFactory;
import dev.agentgraph.testkit.TestAgentGraph;

/**
 * A team's central AgentGraph, run as its own JVM inside a network namespace: bound to the
 * namespace's address with a token, taking hooks over http and OTLP. Prints {@code READY} once
 * listening; stops when its standard input closes. Arguments: address, port, token.
 */
public final class CentralServer {

    private CentralServer() {
    }

    public static void main(String[] args) throws Exception {
        try (TestAgentGraph graph = TestAgentGraph.builder().set("server.host", args[0]).set("server.port", args[1])
                .set("server.token", args[2]).component(new HttpIngestFactory()).component(new OtlpFactory())
                .component(new OtlpJoinFactory()).component(new ClaudeCodeFactory())
                .component(new AliveAgentsFactory()).component(new WebSocketSinkFactory()).start()) {
            System.out.println("READY " + graph.port());
            System.out.flush();
            while (System.in.read() != -1) {
                // wait for the test to let go
            }
        }
    }
}
