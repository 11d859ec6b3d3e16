package dev.agentgraph.runtime.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.agentgraph.api.Event;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Sink;
import dev.agentgraph.api.SinkFactory;
import dev.agentgraph.runtime.AgentGraph;
import dev.agentgraph.runtime.components.ComponentRecord;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real PF4J plugins, compiled and packaged by the test, loaded by a real AgentGraph. */
class PluginHostTest {

    private static final String HELLO = """
            package testplugin;
            import dev.agentgraph.api.*;
            @org.pf4j.Extension
            public class HelloSource implements SourceFactory {
                public String id() { return "hello"; }
                public Source create(PluginContext ctx) {
                    String greeting = ctx.config().string("greeting", "hi");
                    return new Source() {
                        public void start(Emitter e) { e.emit(Event.builder("hello").put("greeting", greeting).build()); }
                        public void close() { }
                    };
                }
            }
            """;
    private static final String HELLO_PLUGIN = """
            package testplugin;
            public class HelloPlugin extends org.pf4j.Plugin {
                public void stop() { System.setProperty("agentgraph.test.hello.stopped", "yes"); }
            }
            """;
    private static final String BAD_STOP = """
            package badstop;
            public class BadStopPlugin extends org.pf4j.Plugin {
                public void stop() {
                    System.setProperty("agentgraph.test.badstop.stopped", "tried");
                    throw new IllegalStateException("stop failed on purpose");
                }
            }
            """;

    @TempDir
    static Path work;
    private static Path helloClasses;
    private static Path badStopClasses;

    @BeforeAll
    static void compile() throws Exception {
        helloClasses = PluginJars.compile(work.resolve("hello"),
                Map.of("testplugin.HelloSource", HELLO, "testplugin.HelloPlugin", HELLO_PLUGIN),
                "hello-plugin", "testplugin.HelloPlugin", List.of("testplugin.HelloSource"));
        badStopClasses = PluginJars.compile(work.resolve("badstop"), Map.of("badstop.BadStopPlugin", BAD_STOP),
                "bad-stop", "badstop.BadStopPlugin", List.of());
    }

    static final class Collecting implements SinkFactory {
        final List<Event> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String id() {
            return "collect";
        }

        @Override
        public Sink create(PluginContext context) {
            return events::add;
        }
    }

    @Test
    void aPluginJarIsLoadedAndItsExtensionRunsWhileABrokenJarIsReportedAndSkipped(@TempDir Path plugins) throws Exception {
        PluginJars.jar(helloClasses, plugins.resolve("hello-plugin-1.0.0.jar"));
        PluginJars.jar(badStopClasses, plugins.resolve("bad-stop-1.0.0.jar"));
        Files.write(plugins.resolve("broken.jar"), new byte[] {'n', 'o', 't', ' ', 'a', ' ', 'z', 'i', 'p'});
        Collecting sink = new Collecting();
        System.clearProperty("agentgraph.test.hello.stopped");
        System.clearProperty("agentgraph.test.badstop.stopped");

        AgentGraph graph = AgentGraph.builder().set("server.port", "0").set("plugin.hello.greeting", "hello from a jar")
                .pluginsDir(plugins).component(sink).start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !sink.events.isEmpty());
            assertThat(sink.events.get(0).type()).isEqualTo("hello");
            assertThat(sink.events.get(0).string("greeting")).isEqualTo("hello from a jar");

            ComponentRecord hello = graph.components().stream().filter(c -> c.id().equals("hello")).findFirst().orElseThrow();
            assertThat(hello.origin()).isEqualTo("hello-plugin");
            assertThat(hello.state()).isEqualTo("running");
            assertThat(graph.plugins()).anySatisfy(p -> {
                assertThat(p.id()).isEqualTo("hello-plugin");
                assertThat(p.state()).isEqualTo("started");
                assertThat(p.version()).isEqualTo("1.0.0");
            });
            assertThat(graph.plugins()).anySatisfy(p -> {
                assertThat(p.id()).isEqualTo("broken.jar");
                assertThat(p.state()).isEqualTo("failed");
                assertThat(p.error()).isNotBlank();
            });

            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(graph.uri("/api/plugins")).build(), HttpResponse.BodyHandlers.ofString());
            JsonObject body = JsonParser.parseString(r.body()).getAsJsonObject();
            assertThat(body.getAsJsonArray("plugins")).hasSize(3);
            assertThat(body.getAsJsonArray("components").toString()).contains("\"id\":\"hello\"", "\"plugin\":\"hello-plugin\"");
        } finally {
            graph.close();
        }
        // A plugin whose stop() throws does not keep the others from stopping.
        assertThat(System.getProperty("agentgraph.test.badstop.stopped")).isEqualTo("tried");
        assertThat(System.getProperty("agentgraph.test.hello.stopped")).isEqualTo("yes");
    }

    @Test
    void aSourceTreesPluginsFolderLoadsBuiltModulesWithoutPackaging(@TempDir Path tree) throws Exception {
        Files.writeString(tree.resolve("pom.xml"), "<project/>");
        Path module = Files.createDirectories(tree.resolve("hello"));
        Files.writeString(module.resolve("pom.xml"), "<project/>");
        copy(helloClasses, module.resolve("target/classes"));
        Files.createDirectories(tree.resolve("unbuilt"));
        Files.writeString(tree.resolve("unbuilt/pom.xml"), "<project/>");
        Files.createDirectories(tree.resolve("src/plugin-resources"));
        Collecting sink = new Collecting();

        try (AgentGraph graph = AgentGraph.builder().set("server.port", "0").pluginsDir(tree).component(sink).start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !sink.events.isEmpty());
            assertThat(sink.events.get(0).string("greeting")).isEqualTo("hi");
            assertThat(graph.plugins()).extracting(PluginStatus::id, PluginStatus::state)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("hello-plugin", "started"),
                            org.assertj.core.groups.Tuple.tuple("unbuilt", "not built"));
        }
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
