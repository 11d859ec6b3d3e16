package dev.agentgraph.plugins.codex;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.agentgraph.runtime.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agentgraph hooks … --agent codex} on real hooks.json files. */
class CodexHooksInstallTest {

    private static final String EXISTING = """
            {
              "hooks": {
                "PreToolUse": [
                  {
                    "matcher": "Bash",
                    "hooks": [
                      { "type": "command", "command": "/usr/local/bin/guard-rm.sh", "timeout": 30 }
                    ]
                  }
                ],
                "Stop": [
                  { "hooks": [ { "type": "command", "command": "notify-send codex-done" } ] }
                ]
              }
            }
            """;

    @TempDir
    Path dir;
    Path file;
    Path hook;
    String out;
    String err;

    @BeforeEach
    void files() throws IOException {
        file = dir.resolve("repo/.codex/hooks.json");
        Files.createDirectories(file.getParent());
        hook = dir.resolve("agentgraph/hooks/agentgraph-hook.sh");
        Files.createDirectories(hook.getParent());
        Files.writeString(hook, "exit 0\n");
    }

    private int hooks(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.execute(new PrintWriter(o), new PrintWriter(e),
                Stream.concat(Stream.of("hooks"), Stream.of(args)).toArray(String[]::new));
        out = o.toString();
        err = e.toString();
        return code;
    }

    private int install() {
        return hooks("install", "--agent", "codex", "--settings", file.toString(), "--hook", hook.toString(),
                "--events", dir.resolve("events.jsonl").toString());
    }

    private JsonObject read() throws IOException {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    @Test
    void installKeepsTheUsersHooksAndRegistersEveryCodexEventOnce() throws IOException {
        Files.writeString(file, EXISTING);
        assertThat(install()).as(err).isZero();
        JsonObject hooks = read().getAsJsonObject("hooks");
        assertThat(hooks.keySet()).containsAll(CodexHooks.EVENTS);
        JsonArray pre = hooks.getAsJsonArray("PreToolUse");
        assertThat(pre.get(0)).as("the user's group stays first, untouched")
                .isEqualTo(JsonParser.parseString(EXISTING).getAsJsonObject().getAsJsonObject("hooks").getAsJsonArray("PreToolUse").get(0));
        JsonObject ours = pre.get(1).getAsJsonObject().getAsJsonArray("hooks").get(0).getAsJsonObject();
        assertThat(ours.get("type").getAsString()).isEqualTo("command");
        assertThat(ours.get("timeout").getAsInt()).as("seconds").isEqualTo(10);
        assertThat(ours.has("async")).as("Codex has no async hooks").isFalse();
        assertThat(ours.get("command").getAsString()).isEqualTo("AGENTGRAPH_EVENTS='" + dir.resolve("events.jsonl")
                + "' AGENTGRAPH_RUNTIME=codex sh '" + hook + "'");
        assertThat(hooks.getAsJsonArray("Stop")).hasSize(2);
        assertThat(hooks.has("SessionEnd")).as("Codex has no SessionEnd").isFalse();
        assertThat(out).contains("Codex CLI").contains("11 events").contains("Restart Codex");
    }

    @Test
    void twiceInARowChangesNothingAndKeepsOneBackup() throws IOException {
        Files.writeString(file, EXISTING);
        assertThat(install()).isZero();
        byte[] once = Files.readAllBytes(file);
        assertThat(install()).isZero();
        assertThat(Files.readAllBytes(file)).isEqualTo(once);
        assertThat(out).contains("nothing changed");
        try (Stream<Path> s = Files.list(file.getParent())) {
            assertThat(s.filter(p -> p.getFileName().toString().contains("bak")))
                    .singleElement().satisfies(b -> assertThat(Files.readString(b)).isEqualTo(EXISTING));
        }
    }

    @Test
    void uninstallRemovesOnlyOurs() throws IOException {
        Files.writeString(file, EXISTING);
        assertThat(install()).isZero();
        assertThat(hooks("uninstall", "--agent", "codex", "--settings", file.toString())).as(err).isZero();
        assertThat(read()).isEqualTo(JsonParser.parseString(EXISTING));
        assertThat(hooks("uninstall", "--agent", "codex", "--settings", file.toString())).isZero();
        assertThat(out).contains("nothing changed");
    }

    @Test
    void aMalformedFileIsReportedAndLeftAlone() throws IOException {
        String broken = "{ \"hooks\": { \"Stop\": [ } }";
        Files.writeString(file, broken);
        assertThat(install()).isEqualTo(1);
        assertThat(err).contains(file.toString()).contains("left unchanged");
        assertThat(Files.readString(file)).isEqualTo(broken);
        Files.writeString(file, "{\"hooks\": [1]}");
        assertThat(install()).isEqualTo(1);
        assertThat(err).contains("\"hooks\" is not an object");
    }

    @Test
    void userAndProjectScopesAreCodexsFiles() throws IOException {
        Path home = dir.resolve("home");
        assertThat(new CodexHooks().settingsFile(dev.agentgraph.api.HookInstaller.Scope.USER, home, dir))
                .isEqualTo(home.resolve(".codex/hooks.json"));
        assertThat(new CodexHooks().settingsFile(dev.agentgraph.api.HookInstaller.Scope.PROJECT, home, dir))
                .isEqualTo(dir.resolve(".codex/hooks.json"));
    }

    @Test
    void httpModePostsEveryEventWithCurlToTheCodexPath() throws IOException {
        assertThat(hooks("install", "--agent", "codex", "--settings", file.toString(), "--mode", "http",
                "--host-name", "devbox")).as(err).isZero();
        for (String event : CodexHooks.EVENTS) {
            JsonElement h = read().getAsJsonObject("hooks").getAsJsonArray(event).get(0).getAsJsonObject()
                    .getAsJsonArray("hooks").get(0);
            assertThat(h.getAsJsonObject().get("command").getAsString()).startsWith("curl ")
                    .contains("'http://127.0.0.1:8201/ingest/codex'").contains("X-AgentGraph-Host: devbox");
        }
        assertThat(out).contains("every event: a command hook that posts with curl");
    }

    @Test
    void controlGivesPreToolUseTheHookThatPrintsTheDecisionInFileModeAndCurlThatPrintsTheAnswerInHttpMode()
            throws IOException {
        assertThat(hooks("install", "--agent", "codex", "--settings", file.toString(), "--hook", hook.toString(),
                "--events", dir.resolve("events.jsonl").toString(), "--control")).as(err).isZero();
        JsonObject hooks = read().getAsJsonObject("hooks");
        for (String event : CodexHooks.EVENTS) {
            String command = hooks.getAsJsonArray(event).get(0).getAsJsonObject().getAsJsonArray("hooks").get(0)
                    .getAsJsonObject().get("command").getAsString();
            assertThat(command.startsWith("AGENTGRAPH_CONTROL=1 ")).as(event).isEqualTo(event.equals("PreToolUse"));
        }
        assertThat(hooks("install", "--agent", "codex", "--settings", file.toString(), "--mode", "http", "--host-name", "box",
                "--control")).as(err).isZero();
        JsonObject http = read().getAsJsonObject("hooks");
        String pre = http.getAsJsonArray("PreToolUse").get(0).getAsJsonObject().getAsJsonArray("hooks").get(0)
                .getAsJsonObject().get("command").getAsString();
        String post = http.getAsJsonArray("PostToolUse").get(0).getAsJsonObject().getAsJsonArray("hooks").get(0)
                .getAsJsonObject().get("command").getAsString();
        assertThat(pre).startsWith("curl ").doesNotContain("-o /dev/null").doesNotContain(" >/dev/null 2>&1")
                .contains(" 2>/dev/null || echo 'agentgraph: the server did not answer; the tool call runs (control fails open)' >&2")
                .endsWith("; exit 0");
        assertThat(post).contains("-o /dev/null");
    }
}
