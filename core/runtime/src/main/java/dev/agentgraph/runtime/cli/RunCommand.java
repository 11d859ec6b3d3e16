package dev.agentgraph.runtime.cli;

import dev.agentgraph.runtime.AgentGraph;
import dev.agentgraph.runtime.components.ComponentRecord;
import dev.agentgraph.runtime.config.CoreConfig;
import dev.agentgraph.runtime.config.Home;
import dev.agentgraph.runtime.config.Settings;
import dev.agentgraph.runtime.plugins.PluginStatus;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code agentgraph run}: starts AgentGraph, prints one line (the URL to open, the event file,
 * the plugins), and runs until SIGTERM or Ctrl-C, which stop it cleanly with exit code 0.
 */
@Command(name = "run", description = "Start AgentGraph (the default command).", mixinStandardHelpOptions = true)
public final class RunCommand implements Callable<Integer> {

    @Mixin
    RunOptions options = new RunOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        return run(options, spec.commandLine().getOut());
    }

    /** Runs AgentGraph with these options until it is stopped; prints the startup line to {@code out}. */
    static int run(RunOptions options, PrintWriter out) throws InterruptedException {
        // The hook is in place before the server answers, so a SIGTERM right after /health
        // answers still closes AgentGraph cleanly.
        AtomicReference<AgentGraph> running = new AtomicReference<>();
        Thread hook = new Thread(() -> {
            try {
                AgentGraph graph = running.getAndSet(null);
                if (graph != null) {
                    graph.close();
                }
            } catch (RuntimeException | Error e) {
                System.err.println("agentgraph: stopping failed: " + e);
            } finally {
                // The JVM would report 143 for SIGTERM; a clean stop is a success. The main thread
                // is not woken first: its return would start a second way out of the JVM beside
                // this halt, and JDK 17 can race the two while it writes the class-data archive at
                // exit (JDK-8304147).
                Runtime.getRuntime().halt(ExitCodes.OK);
            }
        }, "agentgraph-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        AgentGraph graph;
        try {
            graph = start(options);
        } catch (RuntimeException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            throw e;
        }
        running.set(graph);
        out.println(startupLine(graph));
        out.flush();
        // Nothing more for this thread: the shutdown hook stops AgentGraph and halts the JVM.
        new CountDownLatch(1).await();
        return ExitCodes.OK;
    }

    /** Starts AgentGraph with the configuration the options name; plugins from the default directory. */
    static AgentGraph start(RunOptions options) {
        Settings settings = options.settings();
        AgentGraph.Builder builder = AgentGraph.builder().config(settings);
        if (settings.get(CoreConfig.PLUGINS_DIR).isEmpty()) {
            builder.pluginsDir(Home.resolve("plugins"));
        }
        return builder.start();
    }

    /**
     * {@code AgentGraph 0.1.0: open http://127.0.0.1:8201/ (events: …/agent-events.jsonl; components: a, b)}:
     * only what runs; the event file only when a running component reads it.
     */
    static String startupLine(AgentGraph graph) {
        CoreConfig c = graph.config();
        String host = c.host().equals("0.0.0.0") || c.host().equals("::") ? "127.0.0.1" : c.host();
        String url = graph.uri("/").toString().replaceFirst("//[^/]+/", "//" + hostPort(host, graph.port()) + "/");
        if (c.token() != null) {
            // The token itself never goes to the output, which often ends up in a log.
            url += "?token=<server.token>";
        }
        List<ComponentRecord> components = graph.components();
        List<String> running = components.stream().filter(r -> r.state().equals("running")).map(ComponentRecord::id).toList();
        List<String> idle = components.stream().filter(r -> r.state().equals("idle")).map(ComponentRecord::id).toList();
        List<String> failed = components.stream().filter(r -> r.state().equals("failed")).map(ComponentRecord::id).toList();
        List<String> unloaded = graph.plugins().stream().filter(p -> !p.state().equals(PluginStatus.STARTED))
                .map(PluginStatus::id).toList();
        List<String> parts = new ArrayList<>();
        if (components.stream().anyMatch(r -> r.state().equals("running") && r.readsEventsFile())) {
            parts.add("events: " + c.eventsFile());
        }
        parts.add("components: " + (running.isEmpty() ? "none" : String.join(", ", running)));
        if (!idle.isEmpty()) {
            parts.add("idle: " + String.join(", ", idle));
        }
        if (!failed.isEmpty()) {
            parts.add("failed: " + String.join(", ", failed) + " (see the log)");
        }
        if (!unloaded.isEmpty()) {
            parts.add("plugins not loaded: " + String.join(", ", unloaded) + " (see agentgraph plugins)");
        }
        return "AgentGraph " + dev.agentgraph.runtime.Version.get() + ": open " + url + " (" + String.join("; ", parts) + ")";
    }

    private static String hostPort(String host, int port) {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }
}
