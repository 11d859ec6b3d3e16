package dev.agentgraph.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgraph.api.Emitter;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Sink;
import dev.agentgraph.api.SinkFactory;
import dev.agentgraph.api.Source;
import dev.agentgraph.api.SourceFactory;
import dev.agentgraph.runtime.AgentGraph;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The line {@code agentgraph} prints once it runs names only what runs. */
class StartupLineTest {

    @TempDir
    Path dir;

    private static SourceFactory source(String id, boolean byDefault, boolean readsFile, boolean fails) {
        return new SourceFactory() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public boolean enabledByDefault() {
                return byDefault;
            }

            @Override
            public Source create(PluginContext context) {
                if (readsFile) {
                    context.eventsFile();
                }
                if (fails) {
                    throw new IllegalStateException("no");
                }
                return new Source() {
                    @Override
                    public void start(Emitter emitter) {
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
    }

    @Test
    void onlyEnabledComponentsAndTheEventFileOnlyWhenOneReadsIt() {
        Path events = dir.resolve("events.jsonl");
        try (AgentGraph graph = AgentGraph.builder().set("server.port", "0").set("events.file", events.toString())
                .component(source("tail", true, true, false))
                .component(source("pipe", true, false, false))
                .component(source("off", false, true, false))
                .component(source("broken", true, false, true)).start()) {
            assertThat(RunCommand.startupLine(graph)).endsWith(
                    "(events: " + events + "; components: pipe, tail; failed: broken (see the log))").doesNotContain("off");
        }
        try (AgentGraph graph = AgentGraph.builder().set("server.port", "0").set("events.file", events.toString())
                .component(source("pipe", true, false, false))
                .component(source("tail", true, true, false))
                .set("plugin.tail.enabled", "false").start()) {
            assertThat(RunCommand.startupLine(graph)).endsWith("(components: pipe)");
        }
        SinkFactory quiet = new SinkFactory() {
            @Override
            public String id() {
                return "quiet";
            }

            @Override
            public Sink create(PluginContext context) {
                return Sink.idle("nothing to do");
            }
        };
        try (AgentGraph graph = AgentGraph.builder().set("server.port", "0")
                .component(source("pipe", true, false, false)).component(quiet).start()) {
            assertThat(RunCommand.startupLine(graph)).endsWith("(components: pipe; idle: quiet)");
        }
    }
}
