package dev.agentgraph.plugins.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgraph.api.Event;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotificationTextTest {

    private final NotificationText text = new NotificationText(Set.of("agent_done", "waiting"));

    private static Event e(String json) throws Exception {
        return Event.parse(json);
    }

    @Test
    void anAgentDoneNamesTheAgentItsProjectOutcomeDurationAndCost() throws Exception {
        assertThat(text.on(e("{\"event\":\"session_start\",\"session_id\":\"s1\",\"cwd\":\"/home/dev/shop\",\"project\":\"shop\"}"))).isEmpty();
        assertThat(text.on(e("{\"event\":\"agent_spawn\",\"session_id\":\"s1\",\"id\":\"a1\",\"subagent_type\":\"Explore\",\"description\":\"Map cart\"}"))).isEmpty();
        Notification n = text.on(e("{\"event\":\"agent_done\",\"session_id\":\"s1\",\"id\":\"a1\",\"outcome\":\"partial\",\"duration_ms\":12345,\"cost_usd\":0.0123}")).orElseThrow();
        assertThat(n.title()).isEqualTo("Agent finished in shop");
        assertThat(n.text()).isEqualTo("Explore \"Map cart\": partial, 12.3 s, $0.0123");
    }

    @Test
    void aSeedEventWithoutSessionOrSpawnStillGivesAUsefulLine() throws Exception {
        Notification n = text.on(e("{\"event\":\"agent_done\",\"id\":\"smoke1\",\"outcome\":\"functional\",\"duration_ms\":61000}")).orElseThrow();
        assertThat(n.title()).isEqualTo("Agent finished in default");
        assertThat(n.text()).isEqualTo("agent smoke1: functional, 1 min 1 s");
    }

    @Test
    void aWaitingSessionSaysWhy() throws Exception {
        text.on(e("{\"event\":\"session_start\",\"session_id\":\"s2\",\"cwd\":\"/home/dev/api\"}"));
        Notification n = text.on(e("{\"event\":\"waiting\",\"session_id\":\"s2\",\"message\":\"Claude needs your permission to use Bash\"}")).orElseThrow();
        assertThat(n.title()).isEqualTo("Waiting for you in api");
        assertThat(n.text()).isEqualTo("Claude needs your permission to use Bash");
    }

    @Test
    void eventsNotAskedForAreSilentAndStateIsForgottenWhenDone() throws Exception {
        assertThat(text.on(e("{\"event\":\"tool_use\",\"agent_id\":\"main\",\"tool\":\"Bash\"}"))).isEmpty();
        text.on(e("{\"event\":\"agent_spawn\",\"session_id\":\"s1\",\"id\":\"a1\",\"subagent_type\":\"Plan\"}"));
        text.on(e("{\"event\":\"agent_done\",\"session_id\":\"s1\",\"id\":\"a1\"}"));
        Notification again = text.on(e("{\"event\":\"agent_done\",\"session_id\":\"s1\",\"id\":\"a1\"}")).orElseThrow();
        assertThat(again.text()).startsWith("agent a1");
    }

    @Test
    void memoryIsBoundedHoweverManyAgentsNeverFinish() throws Exception {
        for (int i = 0; i < NotificationText.REMEMBERED + 10; i++) {
            text.on(e("{\"event\":\"agent_spawn\",\"session_id\":\"s\",\"id\":\"a" + i + "\",\"subagent_type\":\"Explore\"}"));
        }
        assertThat(text.on(e("{\"event\":\"agent_done\",\"session_id\":\"s\",\"id\":\"a0\"}")).orElseThrow().text()).startsWith("agent a0");
        assertThat(text.on(e("{\"event\":\"agent_done\",\"session_id\":\"s\",\"id\":\"a4100\"}")).orElseThrow().text()).startsWith("Explore");
    }
}
