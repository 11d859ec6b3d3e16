package dev.agentgraph.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hook's control mode ({@code AGENTGRAPH_CONTROL=1}, docs/control.md) under every shell: it
 * prints the marker's line for the stopped agent's PreToolUse and nothing else, reads the ids
 * from the payload's own members (never from a tool's input), ignores ids that are not plain,
 * decides for an oversized payload too, prints nothing without the variable, and appends the
 * line whatever it decides.
 */
class HookControlTest {

    private static final String S = "d42fddbb-b12a-4295-8842-348805e999f3";
    private static final String A = "aa767c76fb008f86b";
    private static final String STOP = "{\"hookSpecificOutput\":{\"permissionDecision\":\"deny\",\"x\":\"stop\"}}";
    private static final String HOLD = "{\"hookSpecificOutput\":{\"permissionDecision\":\"deny\",\"x\":\"hold\"}}";

    @TempDir
    Path dir;
    private Path events;

    @BeforeEach
    void markers() throws Exception {
        events = dir.resolve("events.jsonl");
        Path session = Files.createDirectories(dir.resolve("control").resolve(S));
        Files.writeString(session.resolve(A + ".stop"), STOP + "\n");
        Files.writeString(session.resolve("Agent.hold"), HOLD + "\n");
    }

    private static String pre(String agent, String tool, String input) {
        return "{\"session_id\":\"" + S + "\",\"cwd\":\"/w\"," + (agent == null ? "" : "\"agent_id\":\"" + agent + "\",")
                + "\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"" + tool + "\",\"tool_input\":" + input
                + ",\"tool_use_id\":\"toolu_1\"}";
    }

    private String run(Hook.Shell shell, String payload, boolean control, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(more);
        env.put("AGENTGRAPH_EVENTS", events.toString());
        if (control) {
            env.put("AGENTGRAPH_CONTROL", "1");
        }
        Hook.Result r = Hook.run(shell, env, (payload + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        return r.out();
    }

    private String run(Hook.Shell shell, String payload) {
        return run(shell, payload, true, Map.of());
    }

    @ParameterizedTest
    @EnumSource(Hook.Shell.class)
    void theStoppedAgentsPreToolUseGetsTheMarkersLineAndNothingElseDoes(Hook.Shell shell) throws Exception {
        shell.assumeInstalled();
        assertThat(run(shell, pre(A, "Read", "{\"file_path\":\"/w/a\"}"))).isEqualTo(STOP + "\n");
        assertThat(run(shell, pre(A, "Agent", "{}"))).as("a stop wins over a hold").isEqualTo(STOP + "\n");
        assertThat(run(shell, pre("a0000000000000001", "Read", "{}"))).isEmpty();
        assertThat(run(shell, pre(null, "Agent", "{\"prompt\":\"x\"}"))).as("held: no new agent").isEqualTo(HOLD + "\n");
        assertThat(run(shell, pre(null, "Bash", "{}"))).as("held: other tools run").isEmpty();
        assertThat(run(shell, pre(A, "Read", "{}").replace("PreToolUse", "PostToolUse"))).isEmpty();
        assertThat(run(shell, pre(A, "Read", "{}"), false, Map.of())).as("no control: silent as ever").isEmpty();
        assertThat(Files.readAllLines(events)).hasSize(7);
    }

    @ParameterizedTest
    @EnumSource(Hook.Shell.class)
    void idsComeFromThePayloadsOwnMembersAndOnlyPlainOnesCount(Hook.Shell shell) throws Exception {
        shell.assumeInstalled();
        assertThat(run(shell, pre(null, "mcp__x__y", "{\"agent_id\":\"" + A + "\"}")))
                .as("the main thread's call whose input names the stopped agent").isEmpty();
        Files.writeString(dir.resolve("control").resolve(S).resolve("main.stop"), STOP + "\n");
        assertThat(run(shell, pre(null, "Bash", "{}"))).as("a stopped orchestrator").isEqualTo(STOP + "\n");
        Files.delete(dir.resolve("control").resolve(S).resolve("main.stop"));

        Path outside = Files.createDirectories(dir.resolve("x.stop"));
        assertThat(outside).exists();
        assertThat(run(shell, pre("../../x", "Read", "{}"))).isEmpty();
        assertThat(run(shell, pre(A, "Read", "{}").replace(S, "../" + S))).isEmpty();
        assertThat(run(shell, pre(A, "Read", "{}").replace(S, S + "\\u0000"))).isEmpty();
        assertThat(run(shell, pre(null, "../Agent", "{}"))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Hook.Shell.class)
    void anOversizedPayloadStillDecidesAndAnEmptyMarkerAllows(Hook.Shell shell) throws Exception {
        shell.assumeInstalled();
        String big = pre(A, "Write", "{\"content\":\"" + "x".repeat(20_000) + "\"}");
        assertThat(run(shell, big, true, Map.of("AGENTGRAPH_HOOK_MAX_BYTES", "4096"))).isEqualTo(STOP + "\n");
        assertThat(Files.readString(events)).contains("\"agentgraph_cut\"");
        Files.writeString(dir.resolve("control").resolve(S).resolve(A + ".stop"), "");
        assertThat(run(shell, pre(A, "Read", "{}"))).isEmpty();
    }
}
