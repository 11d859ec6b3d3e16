package dev.agentgraph.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentgraph.api.ConfigException;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Source;
import dev.agentgraph.api.SourceFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Component configuration through a real AgentGraph: keys read, typos refused, enabling. */
class ComponentConfigTest {

    /** Reads {@code limit}, {@code every} and the {@code price.*} table; starts only when asked. */
    static final class Configurable implements SourceFactory {
        final List<String> seen = new CopyOnWriteArrayList<>();
        private final boolean byDefault;

        Configurable(boolean byDefault) {
            this.byDefault = byDefault;
        }

        @Override
        public String id() {
            return "conf";
        }

        @Override
        public boolean enabledByDefault() {
            return byDefault;
        }

        @Override
        public Source create(PluginContext context) {
            int limit = context.config().integer("limit", 5);
            Duration every = context.config().duration("every", Duration.ofSeconds(1));
            Map<String, String> prices = context.config().withPrefix("price.");
            seen.add(limit + "/" + every + "/" + prices);
            return new Source() {
                @Override
                public void start(dev.agentgraph.api.Emitter emitter) {
                }

                @Override
                public void close() {
                }
            };
        }
    }

    private static AgentGraph.Builder builder(Configurable c) {
        return AgentGraph.builder().set("server.port", "0").component(c);
    }

    @Test
    void aComponentReadsItsOwnKeysWithoutThePrefix() {
        Configurable c = new Configurable(true);
        try (AgentGraph graph = builder(c).set("plugin.conf.limit", "7").set("plugin.conf.every", "250ms")
                .set("plugin.conf.price.opus", "15").start()) {
            assertThat(c.seen).containsExactly("7/PT0.25S/{opus=15}");
            assertThat(graph.stats().getAsJsonObject("components").getAsJsonObject("conf").get("state").getAsString())
                    .isEqualTo("running");
        }
    }

    @Test
    void anEmptyValueMeansTheDefault() {
        Configurable c = new Configurable(true);
        try (AgentGraph graph = builder(c).set("plugin.conf.limit", "").set("plugin.conf.every", " ").start()) {
            assertThat(c.seen).containsExactly("5/PT1S/{}");
        }
    }

    @Test
    void aBadValueIsAStartupErrorNamingTheKey() {
        assertThatThrownBy(() -> builder(new Configurable(true)).set("plugin.conf.limit", "many").start())
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("plugin.conf.limit"))
                .hasMessageContaining("\"many\" is not a whole number");
    }

    @Test
    void aKeyNothingReadIsAStartupErrorNamingTheKey() {
        assertThatThrownBy(() -> builder(new Configurable(true)).set("plugin.conf.limt", "3").start())
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("plugin.conf.limt"));
        assertThatThrownBy(() -> builder(new Configurable(true)).set("plugin.nobody.enabled", "true").start())
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("plugin.nobody.enabled"))
                .hasMessageContaining("no component \"nobody\"");
        assertThatThrownBy(() -> builder(new Configurable(true)).set("serverport", "1").start())
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("serverport"));
    }

    @Test
    void enabledDecidesWhetherAComponentRuns() {
        Configurable off = new Configurable(false);
        try (AgentGraph graph = builder(off).set("plugin.conf.limit", "not checked while disabled").start()) {
            assertThat(off.seen).isEmpty();
            assertThat(graph.components().get(0).state()).isEqualTo("disabled");
        }
        Configurable on = new Configurable(false);
        try (AgentGraph graph = builder(on).set("plugin.conf.enabled", "true").start()) {
            assertThat(on.seen).hasSize(1);
        }
        assertThatThrownBy(() -> builder(new Configurable(true)).set("plugin.conf.enabled", "perhaps").start())
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("plugin.conf.enabled"));
    }

    @Test
    void twoComponentsWithOneIdAreAClearError() {
        assertThatThrownBy(() -> builder(new Configurable(true)).component(new Configurable(true)).start())
                .isInstanceOf(StartupException.class).hasMessageContaining("two components have the id \"conf\"");
    }
}
