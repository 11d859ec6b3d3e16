package dev.agentgraph.plugins.alive;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.agentgraph.api.Event;
import dev.agentgraph.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class AliveAgentsReducerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T00:00:00Z"));
    private final AliveAgentsReducer reducer = new AliveAgentsReducer(Duration.ofMinutes(30), 100, 10, clock);
    private final List<Event> derived = new ArrayList<>();

    private Event reduce(String json) throws Exception {
        return reducer.reduce(Event.parse(json), derived::add);
    }

    private JsonObject snapshot() {
        JsonObject s = new JsonObject();
        reducer.snapshot(s);
        return s;
    }

    private List<String> alive() {
        return ids(snapshot().getAsJsonArray("alive"), "id");
    }

    private static List<String> ids(JsonArray array, String field) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(JsonElement::getAsJsonObject).map(o -> o.get(field).getAsString()).collect(Collectors.toList());
    }

    @Test
    void seedSpawnAndDone() throws Exception {
        Event spawn = reduce("{\"ts\":\"2026-05-02T13:00:00.000Z\",\"event\":\"agent_spawn\",\"id\":\"smoke1\",\"subagent_type\":\"researcher\",\"model\":\"sonnet\",\"prompt_preview\":\"test\"}");
        assertThat(spawn.string("id")).as("the event passes on").isEqualTo("smoke1");

        JsonObject agent = snapshot().getAsJsonArray("alive").get(0).getAsJsonObject();
        assertThat(agent.get("id").getAsString()).isEqualTo("smoke1");
        assertThat(agent.get("parent_id").getAsString()).isEqualTo("main");
        assertThat(agent.get("parent_inferred").getAsBoolean()).isFalse();
        assertThat(agent.get("subagent_type").getAsString()).isEqualTo("researcher");
        assertThat(agent.get("model").getAsString()).isEqualTo("sonnet");
        assertThat(agent.get("prompt_preview").getAsString()).isEqualTo("test");
        assertThat(agent.get("started_at").getAsString()).isEqualTo("2026-11-24T00:00:00Z");
        assertThat(agent.has("session_id")).isFalse();

        reduce("{\"event\":\"agent_done\",\"id\":\"smoke1\",\"outcome\":\"functional\"}");
        assertThat(alive()).isEmpty();
        assertThat(derived).isEmpty();
    }

    @Test
    void agentsAreKeyedBySessionAndId() throws Exception {
        reduce("{\"event\":\"agent_spawn\",\"session_id\":\"s1\",\"id\":\"a\"}");
        reduce("{\"event\":\"agent_spawn\",\"session_id\":\"s2\",\"id\":\"a\"}");
        reduce("{\"event\":\"agent_done\",\"session_id\":\"s1\",\"id\":\"a\"}");

        JsonArray alive = snapshot().getAsJsonArray("alive");
        assertThat(alive).hasSize(1);
        assertThat(alive.get(0).getAsJsonObject().get("session_id").getAsString()).isEqualTo("s2");
    }

    @Test
    void nestedParentsAreKept() throws Exception {
        reduce("{\"event\":\"session_start\",\"session_id\":\"s1\",\"cwd\":\"/home/u/projects/shop\"}");
        reduce("{\"event\":\"agent_spawn\",\"session_id\":\"s1\",\"id\":\"plan\",\"subagent_type\":\"Plan\"}");
        reduce("{\"event\":\"agent_spawn\",\"session_id\":\"s1\",\"id\":\"ex1\",\"parent_id\":\"plan\",\"subagent_type\":\"Explore\"}");
        reduce("{\"event\":\"agent_spawn\",\"session_id\":\"s1\",\"id\":\"ex2\",\"parent_id\":\"ex1\",\"parent_inferred\":true}");

        JsonArray alive = snapshot().getAsJsonArray("alive");
        assertThat(ids(alive, "id")).containsExactly("plan", "ex1", "ex2");
        assertThat(ids(alive, "parent_id")).containsExactly("main", "plan", "ex1");
        assertThat(alive.get(2).getAsJsonObject().get("parent_inferred").getAsBoolean()).isTrue();
        assertThat(alive.get(1).getAsJsonObject().get("project").getAsString()).isEqualTo("shop");

        reduce("{\"event\":\"agent_done\",\"session_id\":\"s1\",\"id\":\"ex1\"}");
        assertThat(alive()).containsExactly("plan", "ex2");
    }

    @Test
    void sessionEndRetiresEveryAgentOfThatSessionOnly() throws Exception {
        reduce("{\"event\":\"agent_spawn\",\"session_id\":\"s1\",\"id\":\"a\"}");
        reduce("{\"event\":\"agent_spawn\",\"session_id\":\"s1\",\"id\":\"b\",\"parent_id\":\"a\"}");
        reduce("{\"event\":\"agent_spawn\",\"session_id\":\"s2\",\"id\":\"c\"}");
        clock.advance(Duration.ofSeconds(5));

        Event end = reduce("{\"event\":\"session_end\",\"session_id\":\"s1\",\"reason\":\"prompt_input_exit\"}");

        assertThat(end.type()).isEqualTo("session_end");
        assertThat(derived).extracting(Event::type).containsExactly("agent_done", "agent_done");
        assertThat(derived).extracting(e -> e.string("id")).containsExactly("a", "b");
        assertThat(derived).allSatisfy(e -> {
            assertThat(e.string("outcome")).isEqualTo("session_ended");
            assertThat(e.string("session_id")).isEqualTo("s1");
            assertThat(e.number("duration_ms", -1)).isEqualTo(5000);
            assertThat(e.isHistory()).isFalse();
        });
        assertThat(alive()).containsExactly("c");
        assertThat(ids(snapshot().getAsJsonArray("sessions"), "session_id")).containsExactly("s2");
    }

    @Test
    void sessionEndInHistoryDerivesHistory() throws Exception {
        reducer.reduce(Event.parse("{\"event\":\"agent_spawn\",\"session_id\":\"s1\",\"id\":\"a\"}").asHistory(), derived::add);
        reducer.reduce(Event.parse("{\"event\":\"session_end\",\"session_id\":\"s1\"}").asHistory(), derived::add);

        assertThat(derived).singleElement().satisfies(e -> assertThat(e.isHistory()).isTrue());
    }

    @Test
    void aSilentAgentGoesStaleButAnActiveOneStays() throws Exception {
        reduce("{\"event\":\"agent_spawn\",\"session_id\":\"s1\",\"id\":\"quiet\"}");
        reduce("{\"event\":\"agent_spawn\",\"session_id\":\"s1\",\"id\":\"busy\"}");
        clock.advance(Duration.ofMinutes(20));
        reduce("{\"event\":\"tool_use\",\"session_id\":\"s1\",\"agent_id\":\"busy\",\"tool\":\"Bash\"}");
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));

        reducer.tick(clock.instant(), derived::add);

        assertThat(derived).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("agent_done");
            assertThat(e.string("id")).isEqualTo("quiet");
            assertThat(e.string("outcome")).isEqualTo("stale");
        });
        assertThat(alive()).containsExactly("busy");
        JsonObject busy = snapshot().getAsJsonArray("alive").get(0).getAsJsonObject();
        assertThat(busy.get("last_activity").getAsString()).isEqualTo("2026-11-24T00:20:00Z");

        clock.advance(Duration.ofMinutes(20));
        reducer.tick(clock.instant(), derived::add);
        assertThat(alive()).isEmpty();
        assertThat(derived).hasSize(2);
    }

    @Test
    void aSessionWithoutAgentsIsForgottenAfterTheStaleLimit() throws Exception {
        reduce("{\"event\":\"session_start\",\"session_id\":\"s1\",\"cwd\":\"/w/x\"}");
        clock.advance(Duration.ofMinutes(29));
        reducer.tick(clock.instant(), derived::add);
        assertThat(snapshot().getAsJsonArray("sessions")).hasSize(1);

        clock.advance(Duration.ofMinutes(2));
        reducer.tick(clock.instant(), derived::add);

        assertThat(snapshot().getAsJsonArray("sessions")).isEmpty();
        assertThat(derived).isEmpty();
    }

    @Test
    void waitingLastsUntilTheSessionsNextActivity() throws Exception {
        reduce("{\"event\":\"session_start\",\"session_id\":\"s1\",\"cwd\":\"/w/shop\",\"model\":\"opus\"}");
        reduce("{\"event\":\"session_start\",\"session_id\":\"s2\"}");
        reduce("{\"event\":\"waiting\",\"session_id\":\"s1\",\"message\":\"Claude needs your permission\"}");
        reduce("{\"event\":\"tool_use\",\"session_id\":\"s2\",\"tool\":\"Read\"}");

        JsonObject s1 = snapshot().getAsJsonArray("sessions").get(0).getAsJsonObject();
        assertThat(s1.get("waiting").getAsBoolean()).isTrue();
        assertThat(s1.get("project").getAsString()).isEqualTo("shop");
        assertThat(s1.get("model").getAsString()).isEqualTo("opus");
        assertThat(snapshot().getAsJsonArray("sessions").get(1).getAsJsonObject().get("waiting").getAsBoolean()).isFalse();

        reduce("{\"event\":\"tool_use\",\"session_id\":\"s1\",\"tool\":\"Bash\"}");
        assertThat(snapshot().getAsJsonArray("sessions").get(0).getAsJsonObject().get("waiting").getAsBoolean()).isFalse();
    }

    @Test
    void historyUsesTheEventsOwnTimeSoOldAgentsRetireAtOnce() throws Exception {
        reducer.reduce(Event.parse("{\"ts\":\"2026-11-23T20:00:00Z\",\"event\":\"agent_spawn\",\"id\":\"old\"}").asHistory(), derived::add);
        reducer.reduce(Event.parse("{\"ts\":\"2026-11-23T23:59:00Z\",\"event\":\"agent_spawn\",\"id\":\"recent\"}").asHistory(), derived::add);

        reducer.tick(clock.instant(), derived::add);

        assertThat(derived).extracting(e -> e.string("id")).containsExactly("old");
        assertThat(alive()).containsExactly("recent");
    }

    @Test
    void mapsAreBounded() throws Exception {
        AliveAgentsReducer small = new AliveAgentsReducer(Duration.ofMinutes(30), 3, 2, clock);
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            small.reduce(Event.parse("{\"event\":\"agent_spawn\",\"session_id\":\"s1\",\"id\":\"a" + i + "\"}"), derived::add);
        }
        assertThat(small.agentCount()).isEqualTo(3);
        assertThat(derived).extracting(e -> e.string("id")).containsExactly("a0", "a1");

        small.reduce(Event.parse("{\"event\":\"session_start\",\"session_id\":\"s2\"}"), derived::add);
        small.reduce(Event.parse("{\"event\":\"session_start\",\"session_id\":\"s3\"}"), derived::add);
        JsonObject s = new JsonObject();
        small.snapshot(s);
        assertThat(s.getAsJsonArray("sessions")).hasSize(2);
        assertThat(small.agentCount()).as("the evicted session's agents left too").isZero();
    }

    @Test
    void untypedAndForeignEventsPassUntouched() throws Exception {
        Event foreign = Event.parse("{\"hook_event_name\":\"PreToolUse\",\"session_id\":\"s1\"}");
        assertThat(reducer.reduce(foreign, derived::add)).isSameAs(foreign);
        assertThat(snapshot().getAsJsonArray("sessions")).isEmpty();
    }
}
