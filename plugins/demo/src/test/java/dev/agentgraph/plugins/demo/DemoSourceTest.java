package dev.agentgraph.plugins.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import dev.agentgraph.api.Event;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Sink;
import dev.agentgraph.api.SinkFactory;
import dev.agentgraph.testkit.TestAgentGraph;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class DemoSourceTest {

    /** A real sink at the end of the real pipeline, keeping what reaches it. */
    static final class Recorder implements SinkFactory {
        final List<Event> events = new CopyOnWriteArrayList<>();

        @Override
        public String id() {
            return "recorder";
        }

        @Override
        public Sink create(PluginContext context) {
            return events::add;
        }
    }

    @Test
    void playsOneLoopOfTheScriptThroughThePipelineStampedWithTheTimeOfEmission() {
        Recorder recorder = new Recorder();
        Instant before = Instant.now();
        try (TestAgentGraph graph = TestAgentGraph.builder().component(new DemoSourceFactory()).component(recorder)
                .set("plugin.demo.enabled", "true").set("plugin.demo.speed", "2000").set("plugin.demo.seed", "5")
                .set("plugin.demo.loops", "1").start()) {
            List<DemoStep> script = new DemoScript(5).loop(0);
            await().atMost(Duration.ofSeconds(10)).until(() -> recorder.events.size() == script.size());
            for (int i = 0; i < script.size(); i++) {
                Event e = recorder.events.get(i);
                JsonObject withoutTs = e.json().deepCopy();
                assertThat(withoutTs.remove("ts")).isNotNull();
                assertThat(withoutTs).isEqualTo(script.get(i).fields());
            }
            assertThat(Instant.parse(recorder.events.get(0).string("ts"))).isAfterOrEqualTo(before.minusSeconds(1));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(graph.stats()
                    .getAsJsonObject("components").getAsJsonObject("demo").getAsJsonObject("counters")
                    .get("loops").getAsLong()).isEqualTo(1));
        }
    }

    @Test
    void isOffUnlessAskedFor() {
        Recorder recorder = new Recorder();
        try (TestAgentGraph graph = TestAgentGraph.builder().component(new DemoSourceFactory()).component(recorder).start()) {
            assertThat(new DemoSourceFactory().enabledByDefault()).isFalse();
            assertThat(graph.stats().getAsJsonObject("components").getAsJsonObject("demo").get("state").getAsString())
                    .isNotEqualTo("running");
            assertThat(recorder.events).isEmpty();
        }
    }

    @Test
    void aSpeedThatIsNotPositiveIsAConfigurationErrorNamingTheKey() {
        assertThatThrownBy(() -> TestAgentGraph.builder().component(new DemoSourceFactory())
                .set("plugin.demo.enabled", "true").set("plugin.demo.speed", "0").start())
                .hasMessageContaining("plugin.demo.speed");
    }
}
