package dev.agentgraph.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.agentgraph.plugins.alive.AliveAgentsFactory;
import dev.agentgraph.plugins.codex.CodexFactory;
import dev.agentgraph.plugins.httpingest.HttpIngestFactory;
import dev.agentgraph.plugins.jsonltail.JsonlTailFactory;
import dev.agentgraph.runtime.cli.Main;
import dev.agentgraph.testkit.ControlClient;
import dev.agentgraph.testkit.TestAgentGraph;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Codex CLI under control, with its real payloads: a stopped sub-agent's PreToolUse is denied in
 * file mode (the sh hook) and in http mode (the curl command `hooks install --agent codex --mode
 * http --control` registers, run by sh as Codex runs it), the other agents' calls run; with the
 * server gone, the curl command lets the call run and says so on stderr.
 */
class CodexControlTest {

    private static final String S = "0199d4a7-3c1e-7b52-a8f0-5e6d7c8b9a01";
    private static final String A = "0199d4a7-6b2f-7e43-8a1c-2d3e4f5a6b71";

    @TempDir
    Path dir;
    private Path events;
    private String mainCall;
    private String aCall;
    private String bCall;

    @BeforeEach
    void payloads() throws Exception {
        Hook.Shell.DASH.assumeInstalled();
        events = dir.resolve("state/events.jsonl");
        List<String> pre;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/codex/session-nested-subagents.jsonl")) {
            pre = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> l.contains("\"hook_event_name\":\"PreToolUse\"")).toList();
        }
        mainCall = pre.stream().filter(l -> !l.contains("\"agent_id\"")).findFirst().orElseThrow();
        aCall = pre.stream().filter(l -> l.contains("\"agent_id\":\"" + A + "\"")).findFirst().orElseThrow();
        bCall = pre.stream().filter(l -> l.contains("\"agent_id\"") && !l.contains(A)).findFirst().orElseThrow();
    }

    private record Ran(int exit, String out, String err) {
    }

    private static Ran sh(String command, Map<String, String> env, String stdin) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("dash", "-c", command);
        pb.environment().keySet().removeIf(k -> k.startsWith("AGENTGRAPH_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write((stdin + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new Ran(p.exitValue(), out, err);
    }

    private static String preToolUseCommand(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 3];
        all[0] = "hooks";
        all[1] = "print";
        all[2] = "--agent";
        System.arraycopy(args, 0, all, 3, args.length);
        assertThat(Main.execute(new PrintWriter(out), new PrintWriter(err), all)).as(err.toString()).isZero();
        JsonObject printed = JsonParser.parseString(out.toString()).getAsJsonObject();
        return printed.getAsJsonObject("hooks").getAsJsonArray("PreToolUse").get(0).getAsJsonObject()
                .getAsJsonArray("hooks").get(0).getAsJsonObject().get("command").getAsString();
    }

    @Test
    void aStoppedCodexSubAgentIsDeniedInFileModeAndHttpModeAndTheCurlFailsOpenWithoutTheServer() throws Exception {
        String curl;
        try (TestAgentGraph graph = TestAgentGraph.builder().eventsFile(events)
                .component(new JsonlTailFactory()).component(new HttpIngestFactory())
                .component(new CodexFactory()).component(new AliveAgentsFactory())
                .set("server.control", "true").start()) {
            ControlClient control = new ControlClient(graph.port());
            assertThat(control.state().getAsJsonArray("runtimes").toString()).contains("codex");
            assertThat(control.stop(S, A).statusCode()).isEqualTo(200);

            String file = preToolUseCommand("codex", "--hook", Hook.SCRIPT.toString(), "--events", events.toString(),
                    "--control");
            assertThat(file).contains("AGENTGRAPH_CONTROL=1");
            Ran denied = sh(file, Map.of(), aCall);
            assertThat(denied.exit()).isZero();
            assertThat(denied.out()).contains("\"permissionDecision\":\"deny\"").contains("the user stopped this agent");
            assertThat(sh(file, Map.of(), bCall).out()).isEmpty();
            assertThat(sh(file, Map.of(), mainCall).out()).isEmpty();

            curl = preToolUseCommand("codex", "--mode", "http", "--url", graph.http("/ingest/codex").toString(),
                    "--host-name", "box", "--control");
            Ran viaHttp = sh(curl, Map.of(), aCall);
            assertThat(viaHttp.exit()).isZero();
            assertThat(JsonParser.parseString(viaHttp.out()).getAsJsonObject().getAsJsonObject("hookSpecificOutput")
                    .get("permissionDecisionReason").getAsString()).contains("the user stopped this agent");
            assertThat(sh(curl, Map.of(), bCall).out()).isEmpty();
        }
        Ran noServer = sh(curl, Map.of(), aCall);
        assertThat(noServer.exit()).isZero();
        assertThat(noServer.out()).isEmpty();
        assertThat(noServer.err()).contains("the tool call runs (control fails open)");
    }
}
