package dev.agentgraph.plugins.alive;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.agentgraph.api.Event;
import dev.agentgraph.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Updates of live agents and sessions, who waits, and the server's totals, as a new client sees them. */
class LiveUpdatesTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T00:00:00Z"));
    private final AliveAgentsReducer reducer = new AliveAgentsReducer(Duration.ofMinutes(30), 100, 10, clock);
    private final List<Event> derived = new ArrayList<>();

    private void reduce(String json) throws Exception {
        reducer.reduce(Event.parse(json), derived::add);
    }

    private JsonObject snapshot() {
        JsonObject s = new JsonObject();
        reducer.snapshot(s);
        return s;
    }

    private JsonObject agent(int i) {
        return snapshot().getAsJsonArray("alive").get(i).getAsJsonObject();
    }

    private JsonObject session(int i) {
        return snapshot().getAsJsonArray("sessions").get(i).getAsJsonObject();
    }

    @Test
    void anAgentUpdateChangesTheLiveNodeAndNullForgetsAField() throws Exception {
        reduce("{\"event\":\"agent_spawn\",\"session_id\":\"s1\",\"id\":\"a1\",\"subagent_type\":\"Explore\"}");
        assertThat(agent(0).has("model")).isFalse();
        reduce("{\"event\":\"agent_update\",\"session_id\":\"s1\",\"id\":\"a1\",\"model\":\"claude-haiku-4-5-20251001\"}");
        assertThat(agent(0).get("model").getAsString()).isEqualTo("claude-haiku-4-5-20251001");
        reduce("{\"event\":\"agent_update\",\"session_id\":\"s1\",\"id\":\"a1\",\"task\":\"Map callers\",\"idle\":false}");
        assertThat(agent(0).get("task").getAsString()).isEqualTo("Map callers");
        reduce("{\"event\":\"agent_update\",\"session_id\":\"s1\",\"id\":\"a1\",\"task\":null,\"parent_id\":\"x\"}");
        assertThat(agent(0).has("task")).isFalse();
        assertThat(agent(0).get("parent_id").getAsString()).as("only updatable fields change").isEqualTo("main");
        reduce("{\"event\":\"agent_update\",\"session_id\":\"s1\",\"id\":\"gone\",\"model\":\"m\"}");
        assertThat(snapshot().getAsJsonArray("alive")).hasSize(1);
    }

    @Test
    void stoppingStaysOnTheAgentAndHeldOnTheSessionUntilReleased() throws Exception {
        reduce("{\"event\":\"session_start\",\"session_id\":\"s1\",\"cwd\":\"/w/app\"}");
        reduce("{\"event\":\"agent_spawn\",\"session_id\":\"s1\",\"id\":\"a1\"}");
        reduce("{\"event\":\"agent_update\",\"session_id\":\"s1\",\"id\":\"a1\",\"stopping\":true}");
        reduce("{\"event\":\"tool_use\",\"session_id\":\"s1\",\"agent_id\":\"a1\",\"tool\":\"Read\"}");
        assertThat(agent(0).get("stopping").getAsBoolean()).as("activity does not end it").isTrue();
        reduce("{\"event\":\"session_update\",\"session_id\":\"s1\",\"held\":true}");
        assertThat(session(0).get("held").getAsBoolean()).isTrue();
        reduce("{\"event\":\"session_update\",\"session_id\":\"s1\",\"held\":null}");
        assertThat(session(0).has("held")).as("released").isFalse();
    }

    @Test
    void aTeammateKeepsItsKindAndTeam() throws Exception {
        reduce("{\"event\":\"agent_spawn\",\"session_id\":\"s1\",\"id\":\"teammate:researcher\",\"kind\":\"teammate\","
                + "\"team\":\"shop\",\"subagent_type\":\"researcher\"}");
        assertThat(agent(0).get("kind").getAsString()).isEqualTo("teammate");
        assertThat(agent(0).get("team").getAsString()).isEqualTo("shop");
    }

    @Test
    void aSessionUpdateIsKeptOnTheSession() throws Exception {
        reduce("{\"event\":\"session_start\",\"session_id\":\"s1\",\"cwd\":\"/w/app\",\"model\":\"claude-opus-4-7\","
                + "\"host\":\"laptop\",\"runtime\":\"claude-code\"}");
        reduce("{\"event\":\"session_update\",\"session_id\":\"s1\",\"cwd\":\"/w/app/sub\",\"project\":\"sub\","
                + "\"compacting\":true,\"tasks\":[{\"id\":\"1\",\"subject\":\"s\",\"status\":\"pending\"}],"
                + "\"cost_usd\":0.25,\"cost_partial\":true,\"orchestrator_type\":\"reviewer\"}");
        JsonObject s = session(0);
        assertThat(s.get("project").getAsString()).isEqualTo("sub");
        assertThat(s.get("model").getAsString()).isEqualTo("claude-opus-4-7");
        assertThat(s.get("host").getAsString()).isEqualTo("laptop");
        assertThat(s.get("runtime").getAsString()).isEqualTo("claude-code");
        assertThat(s.get("compacting").getAsBoolean()).isTrue();
        assertThat(s.getAsJsonArray("tasks")).hasSize(1);
        assertThat(s.get("cost_usd").getAsDouble()).isEqualTo(0.25);
        assertThat(s.get("orchestrator_type").getAsString()).isEqualTo("reviewer");
    }

    @Test
    void aWaitingSubagentWaitsUntilItActsAndOthersDoNotEndIt() throws Exception {
        reduce("{\"event\":\"agent_spawn\",\"session_id\":\"s1\",\"id\":\"a1\"}");
        reduce("{\"event\":\"agent_spawn\",\"session_id\":\"s1\",\"id\":\"a2\"}");
        reduce("{\"event\":\"waiting\",\"session_id\":\"s1\",\"agent_id\":\"a1\",\"message\":\"Permission to use Bash\"}");
        assertThat(agent(0).get("waiting").getAsBoolean()).isTrue();
        assertThat(session(0).get("waiting").getAsBoolean()).as("the orchestrator itself does not wait").isFalse();
        reduce("{\"event\":\"tool_use\",\"session_id\":\"s1\",\"agent_id\":\"a2\",\"tool\":\"Read\"}");
        assertThat(agent(0).get("waiting").getAsBoolean()).isTrue();
        reduce("{\"event\":\"tool_done\",\"session_id\":\"s1\",\"agent_id\":\"a1\",\"tool\":\"Bash\"}");
        assertThat(agent(0).has("waiting")).isFalse();

        reduce("{\"event\":\"waiting\",\"session_id\":\"s1\",\"message\":\"Permission to use Write\"}");
        reduce("{\"event\":\"tool_use\",\"session_id\":\"s1\",\"agent_id\":\"a2\",\"tool\":\"Read\"}");
        assertThat(session(0).get("waiting").getAsBoolean()).isTrue();
        reduce("{\"event\":\"agent_update\",\"session_id\":\"s1\",\"id\":\"main\",\"waiting\":false}");
        assertThat(session(0).get("waiting").getAsBoolean()).isFalse();
    }

    @Test
    void totalsCountLiveEventsSinceTheServerStarted() throws Exception {
        reducer.reduce(Event.parse("{\"event\":\"agent_spawn\",\"session_id\":\"s0\",\"id\":\"old\"}").asHistory(),
                derived::add);
        reduce("{\"event\":\"agent_spawn\",\"session_id\":\"s1\",\"id\":\"a1\"}");
        reduce("{\"event\":\"agent_spawn\",\"session_id\":\"s1\",\"id\":\"a1\",\"parent_id\":\"main\"}"); // re-announced
        reduce("{\"event\":\"agent_spawn\",\"session_id\":\"s1\",\"id\":\"a2\"}");
        reduce("{\"event\":\"tool_use\",\"session_id\":\"s1\",\"agent_id\":\"a1\",\"tool\":\"Read\"}");
        reduce("{\"event\":\"agent_done\",\"session_id\":\"s1\",\"id\":\"a1\",\"outcome\":\"failure\"}");
        reduce("{\"event\":\"session_end\",\"session_id\":\"s1\"}"); // a2 leaves with its session
        JsonObject totals = snapshot().getAsJsonObject("totals");
        assertThat(totals.get("spawned").getAsLong()).isEqualTo(2);
        assertThat(totals.get("done").getAsLong()).isEqualTo(2);
        assertThat(totals.get("failed").getAsLong()).isEqualTo(1);
        assertThat(totals.get("tool_calls").getAsLong()).isEqualTo(1);
        assertThat(totals.get("since").getAsString()).isEqualTo("2026-11-24T00:00:00Z");
    }

    @Test
    void aLongRunOfSlashesInCwdCostsLinearTime() throws Exception {
        String cwd = "/work/app" + "/".repeat(200_000);
        long start = System.nanoTime();
        reduce("{\"event\":\"session_start\",\"session_id\":\"s1\",\"cwd\":\"" + cwd + "\"}");
        for (int i = 0; i < 20; i++) {
            snapshot();
        }
        assertThat(session(0).get("project").getAsString()).isEqualTo("app");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
}
