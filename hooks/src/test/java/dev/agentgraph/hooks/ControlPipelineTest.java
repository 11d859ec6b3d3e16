package dev.agentgraph.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.agentgraph.plugins.alive.AliveAgentsFactory;
import dev.agentgraph.plugins.claudecode.ClaudeCodeFactory;
import dev.agentgraph.plugins.httpingest.HttpIngestFactory;
import dev.agentgraph.plugins.jsonltail.JsonlTailFactory;
import dev.agentgraph.testkit.ControlClient;
import dev.agentgraph.testkit.TestAgentGraph;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Stop and hold from the graph, end to end (issue 14): a fixture session with three nested
 * sub-agents, line by line, into a server run with {@code --control}, once through the real sh
 * hook as {@code hooks install --control} registers it (file mode: the decision is the hook's
 * stdout) and once posted as Claude Code's http hooks post it (http mode: the decision is the
 * answer). After a stop, every later {@code PreToolUse} of that agent gets the deny answer with
 * its reason and every other agent's calls run; the agent shows {@code stopping} and leaves at its
 * {@code SubagentStop}, taking its decision with it. A hold denies only the calls that spawn an
 * agent; a release lets them run again.
 */
class ControlPipelineTest {

    private static final String S = "d42fddbb-b12a-4295-8842-348805e999f3";
    private static final String A = "aa767c76fb008f86b";
    private static final String B = "aec255404e4fb4400";
    private static final String C = "ae50454f31af31768";

    /** How a payload reaches AgentGraph, and where its decision comes back. */
    enum Mode { FILE, HTTP }

    /** One PreToolUse (or any line) and the decision it got: empty means the call runs. */
    record Delivered(String agent, String tool, String event, Optional<JsonObject> denial) {
    }

    @TempDir
    Path dir;
    private Path events;
    private TestAgentGraph graph;
    private ControlClient control;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        Hook.Shell.DASH.assumeInstalled();
        events = dir.resolve("state/events.jsonl");
        graph = TestAgentGraph.builder().eventsFile(events)
                .component(new JsonlTailFactory())
                .component(new HttpIngestFactory())
                .component(new ClaudeCodeFactory())
                .component(new AliveAgentsFactory())
                .set("server.control", "true")
                .start();
        control = new ControlClient(graph.port());
    }

    @AfterEach
    void stop() {
        if (graph != null) {
            graph.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aStoppedAgentsNextCallsAreDeniedOthersRunAndItLeavesAtItsSubagentStop(Mode mode) throws Exception {
        List<String> lines = fixture();
        List<Delivered> after = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Delivered d = deliver(mode, lines.get(i));
            if (i < 10) {
                assertThat(d.denial()).as("line %d before the stop", i + 1).isEmpty();
            } else {
                after.add(d);
            }
            if (i == 9) { // B was spawned (line 9) and its launch returned (line 10): the user stops it
                await().until(() -> aliveIds().contains(B));
                assertThat(control.stop(S, B).statusCode()).isEqualTo(200);
                await().until(() -> alive(B).map(b -> b.has("stopping") && b.get("stopping").getAsBoolean()).orElse(false));
            }
            if (lines.get(i).contains("\"SubagentStop\"") && lines.get(i).contains(B)) {
                await().until(() -> !aliveIds().contains(B));
                assertThat(graph.graph().controls().denial(S, B, "Read")).as("the stop ended with its agent").isEmpty();
                assertThat(events.resolveSibling("control").resolve(S).resolve(B + ".stop")).doesNotExist();
            }
        }
        List<Delivered> preToolUse = after.stream().filter(d -> d.event().equals("PreToolUse")).toList();
        assertThat(preToolUse).extracting(Delivered::agent, Delivered::tool).containsExactly(
                tuple(B, "Grep"), tuple(B, "Agent"),
                tuple(C, "Grep"), tuple(A, "Edit"));
        for (Delivered d : preToolUse) {
            if (d.agent().equals(B)) {
                assertDenied(d, "the user stopped this agent");
            } else {
                assertThat(d.denial()).as("%s's %s runs", d.agent(), d.tool()).isEmpty();
            }
        }
        assertThat(after).filteredOn(d -> !d.event().equals("PreToolUse")).allMatch(d -> d.denial().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aHoldDeniesOnlyAgentCallsAndAReleaseRestoresThem(Mode mode) throws Exception {
        List<String> lines = fixture();
        List<Delivered> held = new ArrayList<>();
        List<Delivered> released = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (i == 2) { // the session started and got its prompt: the user holds it
                await().until(() -> session().isPresent());
                assertThat(control.hold(S).statusCode()).isEqualTo(200);
                await().until(() -> session().map(s -> s.has("held") && s.get("held").getAsBoolean()).orElse(false));
            }
            if (i == 10) { // after B's spawn: the user releases it
                assertThat(control.release(S).statusCode()).isEqualTo(200);
                await().until(() -> session().map(s -> !s.has("held")).orElse(false));
            }
            Delivered d = deliver(mode, lines.get(i));
            (i < 10 ? held : released).add(d);
        }
        List<Delivered> heldCalls = held.stream().filter(d -> d.event().equals("PreToolUse")).toList();
        assertThat(heldCalls).extracting(Delivered::agent, Delivered::tool).containsExactly(
                tuple("main", "Agent"), tuple(A, "Read"),
                tuple(A, "Agent"));
        assertDenied(heldCalls.get(0), "holds this session");
        assertThat(heldCalls.get(1).denial()).as("a Read runs while the session is held").isEmpty();
        assertDenied(heldCalls.get(2), "holds this session");
        assertThat(released).as("after the release every call runs, B's Agent call too").allMatch(d -> d.denial().isEmpty());
        assertThat(released).filteredOn(d -> d.event().equals("PreToolUse") && d.tool().equals("Agent")).hasSize(1);
        assertThat(events.resolveSibling("control").resolve(S)).doesNotExist();
    }

    private static void assertDenied(Delivered d, String reason) {
        assertThat(d.denial()).as("%s's %s is denied", d.agent(), d.tool()).isPresent();
        JsonObject specific = d.denial().get().getAsJsonObject("hookSpecificOutput");
        assertThat(specific.get("hookEventName").getAsString()).isEqualTo("PreToolUse");
        assertThat(specific.get("permissionDecision").getAsString()).isEqualTo("deny");
        assertThat(specific.get("permissionDecisionReason").getAsString()).contains(reason);
    }

    /** Delivers one payload as the runtime would in {@code mode}; the decision it got back. */
    private Delivered deliver(Mode mode, String line) throws Exception {
        JsonObject payload = JsonParser.parseString(line).getAsJsonObject();
        String answer;
        if (mode == Mode.FILE) {
            // Every line through the hook as installed for PreToolUse with --control: the others
            // run without AGENTGRAPH_CONTROL, and would print nothing either way.
            Hook.Result r = Hook.run(Hook.Shell.DASH, Map.of("AGENTGRAPH_EVENTS", events.toString(),
                    "AGENTGRAPH_RUNTIME", "claude-code", "AGENTGRAPH_CONTROL", "1"), (line + "\n").getBytes(StandardCharsets.UTF_8));
            assertThat(r.exit()).isZero();
            assertThat(r.err()).isEmpty();
            answer = r.out();
        } else {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(graph.http("/ingest/claude-code"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(line)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            answer = r.body();
        }
        Optional<JsonObject> denial = answer.isBlank() ? Optional.empty()
                : Optional.of(JsonParser.parseString(answer).getAsJsonObject());
        if (mode == Mode.FILE) {
            assertThat(answer).as("one line or nothing").matches("(?s)|[^\n]*\n");
        }
        return new Delivered(str(payload, "agent_id", "main"), str(payload, "tool_name", ""), str(payload, "hook_event_name", ""),
                denial);
    }

    private JsonObject snapshot() throws InterruptedException {
        return graph.graph().snapshots().take().body();
    }

    private List<String> aliveIds() throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (JsonElement a : snapshot().getAsJsonArray("alive")) {
            ids.add(a.getAsJsonObject().get("id").getAsString());
        }
        return ids;
    }

    private Optional<JsonObject> alive(String id) throws InterruptedException {
        for (JsonElement a : snapshot().getAsJsonArray("alive")) {
            if (a.getAsJsonObject().get("id").getAsString().equals(id)) {
                return Optional.of(a.getAsJsonObject());
            }
        }
        return Optional.empty();
    }

    private Optional<JsonObject> session() throws InterruptedException {
        for (JsonElement s : snapshot().getAsJsonArray("sessions")) {
            if (S.equals(str(s.getAsJsonObject(), "session_id", null))) {
                return Optional.of(s.getAsJsonObject());
            }
        }
        return Optional.empty();
    }

    private static String str(JsonObject o, String member, String fallback) {
        JsonElement e = o.get(member);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : fallback;
    }

    private static List<String> fixture() {
        try (InputStream in = ControlPipelineTest.class.getResourceAsStream("/fixtures/session-nested-subagents.jsonl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
