package dev.agentgraph.plugins.claudecode;

import dev.agentgraph.api.AgentGraphHook;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.agentgraph.runtime.cli.CommandProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installer on real settings.json files. */
class HooksCommandTest {

    private static final String EXISTING = """
            {
              "model": "opus",
              "env": {
                "FOO": "<b>&'x'"
              },
              "permissions": {
                "allow": [
                  "Bash(npm test:*)"
                ]
              },
              "hooks": {
                "PreToolUse": [
                  {
                    "matcher": "Bash",
                    "hooks": [
                      {
                        "type": "command",
                        "command": "echo pre >> /tmp/mine.log",
                        "timeout": 30
                      }
                    ]
                  }
                ],
                "Stop": [
                  {
                    "hooks": [
                      {
                        "type": "command",
                        "command": "notify-send done"
                      }
                    ]
                  }
                ]
              },
              "cleanupPeriodDays": 30
            }
            """;

    @TempDir
    Path dir;
    Path settings;
    Path hook;
    String out;
    String err;

    @BeforeEach
    void files() throws IOException {
        settings = dir.resolve("settings.json");
        hook = dir.resolve("home/hooks/agentgraph-hook.sh");
        Files.createDirectories(hook.getParent());
        Files.writeString(hook, "#!/bin/sh\nexit 0\n");
    }

    private int hooks(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = dev.agentgraph.runtime.cli.Main.execute(new PrintWriter(o), new PrintWriter(e),
                Stream.concat(Stream.of("hooks"), Stream.of(args)).toArray(String[]::new));
        out = o.toString();
        err = e.toString();
        return code;
    }

    private int install(String... more) {
        return hooks(Stream.concat(Stream.of("install", "--settings", settings.toString(), "--hook", hook.toString()),
                Stream.of(more)).toArray(String[]::new));
    }

    private int installHttp(String... more) {
        return hooks(Stream.concat(Stream.of("install", "--settings", settings.toString(), "--mode", "http"),
                Stream.of(more)).toArray(String[]::new));
    }

    private JsonObject read() throws IOException {
        return JsonParser.parseString(Files.readString(settings)).getAsJsonObject();
    }

    private List<Path> backups() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("settings.json.") && p.getFileName().toString()
                    .contains("bak")).toList();
        }
    }

    @Test
    void installKeepsEverythingElseAndBacksUp() throws IOException {
        Files.writeString(settings, EXISTING);
        Files.setPosixFilePermissions(settings, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(install()).as(err).isZero();
        JsonObject after = read();
        JsonObject before = JsonParser.parseString(EXISTING).getAsJsonObject();
        for (String key : List.of("model", "env", "permissions", "cleanupPeriodDays")) {
            assertThat(after.get(key)).isEqualTo(before.get(key));
        }
        assertThat(Files.readString(settings)).contains("\"<b>&'x'\"");
        JsonArray pre = after.getAsJsonObject("hooks").getAsJsonArray("PreToolUse");
        assertThat(pre.get(0)).as("the user's own group stays first").isEqualTo(
                before.getAsJsonObject("hooks").getAsJsonArray("PreToolUse").get(0));
        JsonObject ours = pre.get(1).getAsJsonObject().getAsJsonArray("hooks").get(0).getAsJsonObject();
        assertThat(ours.get("type").getAsString()).isEqualTo("command");
        assertThat(ours.get("command").getAsString()).as("the file the server reads, and the runtime, are named")
                .startsWith("AGENTGRAPH_EVENTS='/").endsWith("' AGENTGRAPH_RUNTIME=claude-code sh '" + hook.toAbsolutePath() + "'");
        assertThat(ours.get("async").getAsBoolean()).isTrue();
        assertThat(after.getAsJsonObject("hooks").getAsJsonArray("Stop")).hasSize(2);
        for (String event : new ClaudeCodeHooks().events()) {
            assertThat(after.getAsJsonObject("hooks").has(event)).as(event).isTrue();
        }
        JsonObject end = after.getAsJsonObject("hooks").getAsJsonArray("SessionEnd").get(0).getAsJsonObject()
                .getAsJsonArray("hooks").get(0).getAsJsonObject();
        assertThat(end.get("async").getAsBoolean()).as("SessionEnd must be written before Claude Code exits").isFalse();
        assertThat(backups()).singleElement().satisfies(b -> assertThat(Files.readString(b)).isEqualTo(EXISTING));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settings))).isEqualTo("rw-r-----");
        assertThat(out).contains("installed AgentGraph hooks");
    }

    @Test
    void installTwiceChangesNothing() throws IOException {
        Files.writeString(settings, EXISTING);
        assertThat(install("--events", dir.resolve("ev.jsonl").toString())).isZero();
        byte[] once = Files.readAllBytes(settings);
        assertThat(install("--events", dir.resolve("ev.jsonl").toString())).isZero();
        assertThat(Files.readAllBytes(settings)).isEqualTo(once);
        assertThat(backups()).hasSize(1);
        assertThat(out).contains("nothing changed");
        assertThat(new String(once, StandardCharsets.UTF_8))
                .contains("AGENTGRAPH_EVENTS='" + dir.resolve("ev.jsonl").toAbsolutePath() + "' AGENTGRAPH_RUNTIME=claude-code sh '");
    }

    @Test
    void reinstallingFromElsewhereReplacesOurEntries() throws IOException {
        Files.writeString(settings, EXISTING);
        install();
        Path other = dir.resolve("other/agentgraph-hook.sh");
        Files.createDirectories(other.getParent());
        Files.writeString(other, "exit 0\n");
        assertThat(hooks("install", "--settings", settings.toString(), "--hook", other.toString())).isZero();
        JsonArray pre = read().getAsJsonObject("hooks").getAsJsonArray("PreToolUse");
        assertThat(pre).hasSize(2);
        assertThat(pre.get(1).toString()).contains(other.toAbsolutePath().toString());
    }

    @Test
    void uninstallRemovesExactlyWhatWasAdded() throws IOException {
        Files.writeString(settings, EXISTING);
        install();
        assertThat(hooks("uninstall", "--settings", settings.toString())).as(err).isZero();
        assertThat(Files.readString(settings)).isEqualTo(EXISTING);
        assertThat(hooks("uninstall", "--settings", settings.toString())).isZero();
        assertThat(out).contains("nothing changed");
    }

    @Test
    void uninstallOfAFileWithoutHooksSectionRemovesTheSection() throws IOException {
        String plain = "{\n  \"model\": \"sonnet\"\n}\n";
        Files.writeString(settings, plain);
        installHttp("--url", "http://127.0.0.1:9999/ingest/claude-code");
        JsonObject h = read().getAsJsonObject("hooks").getAsJsonArray("PostToolUse").get(0).getAsJsonObject()
                .getAsJsonArray("hooks").get(0).getAsJsonObject();
        assertThat(h.get("type").getAsString()).isEqualTo("http");
        assertThat(h.get("url").getAsString()).isEqualTo("http://127.0.0.1:9999/ingest/claude-code");
        assertThat(h.has("async")).isFalse();
        hooks("uninstall", "--settings", settings.toString());
        assertThat(Files.readString(settings)).isEqualTo(plain);
    }

    @Test
    void httpHooksCanCarryTheTokenFromAnEnvironmentVariableWithoutWritingIt() throws IOException {
        Files.writeString(settings, "{}");
        assertThat(installHttp("--token-env", "AGENTGRAPH_TOKEN")).isZero();
        JsonObject h = read().getAsJsonObject("hooks").getAsJsonArray("PreToolUse").get(0).getAsJsonObject()
                .getAsJsonArray("hooks").get(0).getAsJsonObject();
        assertThat(h.getAsJsonObject("headers").get("Authorization").getAsString()).isEqualTo("Bearer $AGENTGRAPH_TOKEN");
        assertThat(h.getAsJsonArray("allowedEnvVars").get(0).getAsString()).isEqualTo("AGENTGRAPH_TOKEN");
        assertThat(installHttp("--token-env", "not a name")).isEqualTo(2);
        assertThat(err).contains("--token-env");
        assertThat(install("--token-env", "AGENTGRAPH_TOKEN")).isEqualTo(2);
        assertThat(err).contains("--mode http");
    }

    @Test
    void malformedFilesAreReportedAndLeftByteForByte() throws IOException {
        for (String bad : List.of("{\"model\": \"opus\",", "{\"hooks\": []}", "{\"hooks\": {\"Stop\": {}}}",
                "[1]", "{\"a\":1} trailing", "{'single': 1}")) {
            Files.writeString(settings, bad);
            assertThat(install()).as(bad).isEqualTo(1);
            assertThat(err.strip().lines()).as(bad).singleElement().asString()
                    .contains(settings.toString()).contains("left unchanged");
            assertThat(Files.readString(settings)).isEqualTo(bad);
            assertThat(hooks("uninstall", "--settings", settings.toString())).isEqualTo(1);
            assertThat(Files.readString(settings)).isEqualTo(bad);
        }
        assertThat(backups()).isEmpty();
    }

    @Test
    void aSymlinkedSettingsFileStaysALink() throws IOException {
        Path real = dir.resolve("dotfiles/claude-settings.json");
        Files.createDirectories(real.getParent());
        Files.writeString(real, EXISTING);
        Files.createSymbolicLink(settings, real);
        assertThat(install()).as(err).isZero();
        assertThat(Files.isSymbolicLink(settings)).isTrue();
        assertThat(Files.readString(real)).contains(AgentGraphHook.SCRIPT_NAME);
        assertThat(hooks("uninstall", "--settings", settings.toString())).isZero();
        assertThat(Files.isSymbolicLink(settings)).isTrue();
        assertThat(Files.readString(real)).isEqualTo(EXISTING);
    }

    @Test
    void aNewSettingsFileIsPrivate() throws IOException {
        settings = dir.resolve("project/.claude/settings.json");
        assertThat(install()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settings))).isEqualTo("rw-------");
        assertThat(read().getAsJsonObject("hooks").keySet()).containsExactlyElementsOf(new ClaudeCodeHooks().events());
        assertThat(backups()).isEmpty();
    }

    @Test
    void aMissingHookScriptIsRefused() throws IOException {
        Files.writeString(settings, EXISTING);
        assertThat(hooks("install", "--settings", settings.toString(), "--hook", dir.resolve("nope.sh").toString()))
                .isEqualTo(1);
        assertThat(err).contains("no hook script");
        assertThat(Files.readString(settings)).isEqualTo(EXISTING);
    }

    @Test
    void printShowsTheSectionWithoutWriting() {
        assertThat(hooks("print", "--hook", hook.toString())).isZero();
        JsonElement printed = JsonParser.parseString(out);
        assertThat(printed.getAsJsonObject().getAsJsonObject("hooks").keySet()).containsExactlyElementsOf(new ClaudeCodeHooks().events())
                .contains("SessionStart", "PreToolUse", "SubagentStop", "StopFailure", "TeammateIdle", "SessionEnd");
        assertThat(Files.exists(settings)).isFalse();
    }

    @Test
    void agentgraphHooksInstallUsesTheHookOfItsInstallation() throws IOException {
        Files.writeString(settings, EXISTING);
        String previous = System.getProperty("agentgraph.home");
        System.setProperty("agentgraph.home", dir.resolve("home").toString());
        try {
            StringWriter o = new StringWriter();
            StringWriter e = new StringWriter();
            int code = dev.agentgraph.runtime.cli.Main.execute(new PrintWriter(o), new PrintWriter(e),
                    "hooks", "install", "--settings", settings.toString());
            assertThat(code).as(e.toString()).isZero();
            assertThat(Files.readString(settings)).contains("sh '" + hook.toAbsolutePath() + "'");
            code = dev.agentgraph.runtime.cli.Main.execute(new PrintWriter(o), new PrintWriter(e),
                    "hooks", "install", "--settings", settings.toString(), "--mode", "ftp");
            assertThat(code).isEqualTo(2);
            assertThat(e.toString()).contains("--mode");
        } finally {
            if (previous == null) {
                System.clearProperty("agentgraph.home");
            } else {
                System.setProperty("agentgraph.home", previous);
            }
        }
    }
}
