package dev.agentgraph.plugins.gemini;

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

/** {@code agentgraph hooks … --agent gemini} on real settings.json files. */
class GeminiHooksInstallTest {

    private static final String EXISTING = """
            {
              "hooks": {
                "BeforeTool": [
                  {
                    "matcher": "run_shell_command",
                    "hooks": [
                      { "type": "command", "command": "/usr/local/bin/guard-rm.sh", "timeout": 30000 }
                    ]
                  }
                ],
                "Stop": [
                  { "hooks": [ { "type": "command", "command": "notify-send gemini-done" } ] }
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
        file = dir.resolve("repo/.gemini/settings.json");
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
        return hooks("install", "--agent", "gemini", "--settings", file.toString(), "--hook", hook.toString(),
                "--events", dir.resolve("events.jsonl").toString());
    }

    private JsonObject read() throws IOException {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    @Test
    void installKeepsTheUsersHooksAndRegistersEveryGeminiEventOnce() throws IOException {
        Files.writeString(file, EXISTING);
        assertThat(install()).as(err).isZero();
        JsonObject hooks = read().getAsJsonObject("hooks");
        assertThat(hooks.keySet()).containsAll(GeminiHooks.EVENTS);
        JsonArray pre = hooks.getAsJsonArray("BeforeTool");
        assertThat(pre.get(0)).as("the user's group stays first, untouched")
                .isEqualTo(JsonParser.parseString(EXISTING).getAsJsonObject().getAsJsonObject("hooks").getAsJsonArray("BeforeTool").get(0));
        JsonObject ours = pre.get(1).getAsJsonObject().getAsJsonArray("hooks").get(0).getAsJsonObject();
        assertThat(ours.get("type").getAsString()).isEqualTo("command");
        assertThat(ours.get("timeout").getAsInt()).as("milliseconds").isEqualTo(10_000);
        assertThat(ours.get("name").getAsString()).isEqualTo("agentgraph");
        assertThat(ours.get("command").getAsString()).isEqualTo("AGENTGRAPH_EVENTS='" + dir.resolve("events.jsonl")
                + "' AGENTGRAPH_RUNTIME=gemini sh '" + hook + "'");
        assertThat(hooks.getAsJsonArray("Stop")).as("not a Gemini event: the user's own, kept").hasSize(1);
        assertThat(hooks.has("BeforeModel")).as("model events are not registered").isFalse();
        assertThat(out).contains("Gemini CLI").contains("8 events").contains("Restart Gemini CLI");
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
        assertThat(hooks("uninstall", "--agent", "gemini", "--settings", file.toString())).as(err).isZero();
        assertThat(read()).isEqualTo(JsonParser.parseString(EXISTING));
        assertThat(hooks("uninstall", "--agent", "gemini", "--settings", file.toString())).isZero();
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
    void userAndProjectScopesAreGeminisFiles() throws IOException {
        Path home = dir.resolve("home");
        assertThat(new GeminiHooks().settingsFile(dev.agentgraph.api.HookInstaller.Scope.USER, home, dir))
                .isEqualTo(home.resolve(".gemini/settings.json"));
        assertThat(new GeminiHooks().settingsFile(dev.agentgraph.api.HookInstaller.Scope.PROJECT, home, dir))
                .isEqualTo(dir.resolve(".gemini/settings.json"));
    }

    @Test
    void httpModePostsEveryEventWithCurlToTheGeminiPath() throws IOException {
        assertThat(hooks("install", "--agent", "gemini", "--settings", file.toString(), "--mode", "http",
                "--host-name", "devbox")).as(err).isZero();
        for (String event : GeminiHooks.EVENTS) {
            JsonElement h = read().getAsJsonObject("hooks").getAsJsonArray(event).get(0).getAsJsonObject()
                    .getAsJsonArray("hooks").get(0);
            assertThat(h.getAsJsonObject().get("command").getAsString()).startsWith("curl ")
                    .contains("'http://127.0.0.1:8201/ingest/gemini'").contains("X-AgentGraph-Host: devbox");
        }
        assertThat(out).contains("every event: a command hook that posts with curl");
    }

    @Test
    void controlIsRefusedSinceGeminisHooksNameNoAgentAndNothingIsWritten() throws IOException {
        Files.writeString(file, EXISTING);
        assertThat(hooks("install", "--agent", "gemini", "--settings", file.toString(), "--hook", hook.toString(),
                "--events", dir.resolve("events.jsonl").toString(), "--control")).isEqualTo(2);
        assertThat(err).contains("--control").contains("cannot deny");
        assertThat(Files.readString(file)).isEqualTo(EXISTING);
    }
}
