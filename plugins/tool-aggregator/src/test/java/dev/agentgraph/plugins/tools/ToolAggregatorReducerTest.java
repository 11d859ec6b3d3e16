package dev.agentgraph.plugins.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.agentgraph.api.Event;
import dev.agentgraph.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolAggregatorReducerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T00:00:00Z"));
    private final ToolAggregatorReducer reducer = new ToolAggregatorReducer(Duration.ofSeconds(1), 100, 3, clock);
    private final List<Event> emitted = new ArrayList<>();

    private void reduce(String json) throws Exception {
        Event e = Event.parse(json);
        assertThat(reducer.reduce(e, emitted::add)).isSameAs(e);
    }

    private JsonArray tools() {
        JsonObject s = new JsonObject();
        reducer.snapshot(s);
        return s.getAsJsonArray("tools");
    }

    private void tick() {
        reducer.tick(clock.instant(), emitted::add);
    }

    @Test
    void countsToolsAndSkillsPerSessionAndAgent() throws Exception {
        reduce("{\"event\":\"tool_use\",\"agent_id\":\"main\",\"tool\":\"Bash\"}");
        reduce("{\"event\":\"tool_use\",\"tool\":\"Bash\"}");
        reduce("{\"event\":\"skill_use\",\"agent_id\":\"main\",\"skill\":\"graph-export\"}");
        reduce("{\"event\":\"tool_use\",\"session_id\":\"s1\",\"agent_id\":\"a1\",\"tool\":\"Read\"}");
        reduce("{\"event\":\"tool_failed\",\"session_id\":\"s1\",\"agent_id\":\"a1\",\"tool\":\"Read\",\"error\":\"no such file\"}");

        JsonArray tools = tools();
        assertThat(tools).hasSize(2);
        JsonObject main = tools.get(0).getAsJsonObject();
        assertThat(main.has("session_id")).isFalse();
        assertThat(main.get("agent_id").getAsString()).isEqualTo("main");
        assertThat(main.get("total").getAsLong()).isEqualTo(3);
        JsonObject bash = main.getAsJsonObject("tools").getAsJsonObject("Bash");
        assertThat(bash.get("count").getAsLong()).isEqualTo(2);
        assertThat(bash.get("rate").getAsDouble()).isEqualTo(0.2);
        assertThat(main.getAsJsonObject("skills").getAsJsonObject("graph-export").get("count").getAsLong()).isEqualTo(1);
        JsonObject a1 = tools.get(1).getAsJsonObject();
        assertThat(a1.get("session_id").getAsString()).isEqualTo("s1");
        assertThat(a1.getAsJsonObject("tools").getAsJsonObject("Read").get("failed").getAsLong()).isEqualTo(1);
    }

    @Test
    void theRateCoversTheLastTenSeconds() throws Exception {
        for (int i = 0; i < 5; i++) {
            reduce("{\"event\":\"tool_use\",\"tool\":\"Bash\"}");
        }
        clock.advance(Duration.ofSeconds(9));
        assertThat(rate()).isEqualTo(0.5);
        clock.advance(Duration.ofSeconds(1));
        assertThat(rate()).isEqualTo(0.0);
        assertThat(tools().get(0).getAsJsonObject().get("total").getAsLong()).isEqualTo(5);
    }

    private double rate() {
        return tools().get(0).getAsJsonObject().getAsJsonObject("tools").getAsJsonObject("Bash").get("rate").getAsDouble();
    }

    @Test
    void historyCountsInTotalsButNotInTheRate() throws Exception {
        reducer.reduce(Event.parse("{\"event\":\"tool_use\",\"tool\":\"Bash\"}").asHistory(), emitted::add);
        assertThat(tools().get(0).getAsJsonObject().get("total").getAsLong()).isEqualTo(1);
        assertThat(rate()).isZero();
    }

    @Test
    void toolStatsAtMostOncePerIntervalAndOnlyWhenSomethingChanged() throws Exception {
        tick();
        assertThat(emitted).as("nothing changed yet").isEmpty();

        reduce("{\"event\":\"tool_use\",\"tool\":\"Bash\"}");
        tick();
        reduce("{\"event\":\"tool_use\",\"tool\":\"Bash\"}");
        clock.advance(Duration.ofMillis(500));
        tick();
        assertThat(emitted).as("one update within the interval").hasSize(1);
        Event stats = emitted.get(0);
        assertThat(stats.type()).isEqualTo("tool_stats");
        assertThat(stats.json().getAsJsonArray("tools").get(0).getAsJsonObject().get("total").getAsLong()).isEqualTo(1);

        clock.advance(Duration.ofMillis(500));
        tick();
        assertThat(emitted).hasSize(2);
        assertThat(emitted.get(1).json().getAsJsonArray("tools").get(0).getAsJsonObject().get("total").getAsLong()).isEqualTo(2);

        // No new calls: updates continue only while the recent rate decays, then stop.
        for (int i = 0; i < 15; i++) {
            clock.advance(Duration.ofSeconds(1));
            tick();
        }
        int settled = emitted.size();
        Event last = emitted.get(settled - 1);
        assertThat(last.json().getAsJsonArray("tools").get(0).getAsJsonObject().getAsJsonObject("tools")
                .getAsJsonObject("Bash").get("rate").getAsDouble()).isZero();
        clock.advance(Duration.ofSeconds(5));
        tick();
        assertThat(emitted).hasSize(settled);
    }

    @Test
    void forgetsAnAgentAtItsDoneAndASessionAtItsEnd() throws Exception {
        reduce("{\"event\":\"tool_use\",\"session_id\":\"s1\",\"agent_id\":\"a1\",\"tool\":\"Bash\"}");
        reduce("{\"event\":\"tool_use\",\"session_id\":\"s1\",\"tool\":\"Bash\"}");
        reduce("{\"event\":\"tool_use\",\"session_id\":\"s2\",\"agent_id\":\"a1\",\"tool\":\"Bash\"}");

        reduce("{\"event\":\"agent_done\",\"session_id\":\"s1\",\"id\":\"a1\"}");
        assertThat(tools()).hasSize(2);
        reduce("{\"event\":\"session_end\",\"session_id\":\"s1\"}");

        assertThat(tools()).singleElement().satisfies(t -> {
            assertThat(t.getAsJsonObject().get("session_id").getAsString()).isEqualTo("s2");
        });
        tick();
        assertThat(emitted).singleElement().satisfies(e -> assertThat(e.json().getAsJsonArray("tools")).hasSize(1));
    }

    @Test
    void distinctNamesAndAgentsAreCapped() throws Exception {
        for (String tool : List.of("A", "B", "C", "D", "E")) {
            reduce("{\"event\":\"tool_use\",\"tool\":\"" + tool + "\"}");
        }
        JsonObject byName = tools().get(0).getAsJsonObject().getAsJsonObject("tools");
        assertThat(byName.keySet()).containsExactly("A", "B", "C", "(other)");
        assertThat(byName.getAsJsonObject("(other)").get("count").getAsLong()).isEqualTo(2);

        ToolAggregatorReducer small = new ToolAggregatorReducer(Duration.ofSeconds(1), 2, 3, clock);
        for (int i = 0; i < 4; i++) {
            small.reduce(Event.parse("{\"event\":\"tool_use\",\"agent_id\":\"a" + i + "\",\"tool\":\"Bash\"}"), emitted::add);
        }
        JsonObject s = new JsonObject();
        small.snapshot(s);
        assertThat(s.getAsJsonArray("tools")).hasSize(2);
    }
}
