package dev.agentgraph.plugins.claudecode;

import dev.agentgraph.api.AgentGraphHook;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installer in every mode, on real settings files: http, custom URLs, scopes, backups, styles. */
class HooksInstallModesTest {

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

    private int installHttp(String... more) {
        return hooks(Stream.concat(Stream.of("install", "--settings", settings.toString(), "--mode", "http"),
                Stream.of(more)).toArray(String[]::new));
    }

    private JsonObject read() throws IOException {
        return JsonParser.parseString(Files.readString(settings)).getAsJsonObject();
    }

    private List<JsonObject> hooksOf(String event) throws IOException {
        List<JsonObject> all = new ArrayList<>();
        JsonArray groups = read().getAsJsonObject("hooks").getAsJsonArray(event);
        if (groups != null) {
            for (JsonElement g : groups) {
                g.getAsJsonObject().getAsJsonArray("hooks").forEach(h -> all.add(h.getAsJsonObject()));
            }
        }
        return all;
    }

    @Test
    void httpModeRegistersNoHttpHookForSessionStartButACommandThatPostsTheSameWay() throws Exception {
        Files.writeString(settings, "{}\n");
        assertThat(installHttp("--token-env", "AG_TEST_TOKEN", "--host-name", "build-box-7")).as(err).isZero();
        assertThat(out).contains("SessionStart: a command hook that posts with curl").contains("Restart Claude Code");
        for (String event : new ClaudeCodeHooks().events()) {
            for (JsonObject h : hooksOf(event)) {
                if (event.equals("SessionStart")) {
                    assertThat(h.get("type").getAsString()).isEqualTo("command");
                } else {
                    assertThat(h.get("type").getAsString()).as(event).isEqualTo("http");
                    JsonObject headers = h.getAsJsonObject("headers");
                    assertThat(headers.get("X-AgentGraph-Hook").getAsString()).isEqualTo("1");
                    assertThat(headers.get("X-AgentGraph-Host").getAsString()).isEqualTo("build-box-7");
                    assertThat(headers.get("Authorization").getAsString()).isEqualTo("Bearer $AG_TEST_TOKEN");
                }
            }
        }

        // The SessionStart command, run by sh as Claude Code would, posts the payload with the same headers.
        Map<String, String> seen = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ingest/claude-code", exchange -> {
            seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.getRequestHeaders().forEach((k, v) -> seen.put(k.toLowerCase(), v.get(0)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/ingest/claude-code";
            assertThat(installHttp("--url", url, "--token-env", "AG_TEST_TOKEN", "--host-name", "build-box-7")).isZero();
            JsonObject start = hooksOf("SessionStart").get(0);
            assertThat(start.get("async").getAsBoolean()).isTrue();
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", start.get("command").getAsString());
            pb.environment().put("AG_TEST_TOKEN", "s3cret-token-of-the-test");
            Process p = pb.redirectErrorStream(true).start();
            String payload = "{\"session_id\":\"s1\",\"hook_event_name\":\"SessionStart\",\"model\":\"claude-opus\"}";
            p.getOutputStream().write(payload.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).as("prints nothing").isEmpty();
            assertThat(seen.get("body")).isEqualTo(payload);
            assertThat(seen.get("x-agentgraph-hook")).isEqualTo("1");
            assertThat(seen.get("x-agentgraph-host")).isEqualTo("build-box-7");
            assertThat(seen.get("authorization")).isEqualTo("Bearer s3cret-token-of-the-test");
            assertThat(seen.get("content-type")).isEqualTo("application/json");
        } finally {
            server.stop(0);
        }
        // With no server at all, the command still exits 0 and prints nothing.
        assertThat(installHttp("--url", "http://127.0.0.1:9/ingest/claude-code", "--host-name", "h")).isZero();
        Process p = new ProcessBuilder("sh", "-c", hooksOf("SessionStart").get(0).get("command").getAsString())
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(p.getInputStream().readAllBytes()).isEmpty();
    }

    @Test
    void aCustomUrlIsStillOursOnReinstallAndUninstall() throws IOException {
        String mine = "{\n  \"hooks\": {\n    \"Stop\": [\n      {\n        \"hooks\": [\n          {\n"
                + "            \"type\": \"http\",\n            \"url\": \"http://example.test/my-own-hook\"\n          }\n"
                + "        ]\n      }\n    ]\n  }\n}\n";
        Files.writeString(settings, mine);
        assertThat(installHttp("--url", "http://10.0.0.5:9000/custom/path", "--host-name", "a")).as(err).isZero();
        assertThat(installHttp("--url", "http://127.0.0.1:8300/elsewhere", "--host-name", "a")).as(err).isZero();
        for (String event : new ClaudeCodeHooks().events()) {
            long ours = hooksOf(event).stream().filter(AgentGraphHook::isOurs).count();
            assertThat(ours).as("one AgentGraph hook for %s, not one per install", event).isEqualTo(1);
        }
        assertThat(Files.readString(settings)).doesNotContain("10.0.0.5").contains("my-own-hook");
        // From http back to file mode: the http entries are replaced, not kept beside.
        assertThat(hooks("install", "--settings", settings.toString(), "--hook", hook.toString())).as(err).isZero();
        assertThat(Files.readString(settings)).doesNotContain("/elsewhere");
        assertThat(hooks("uninstall", "--settings", settings.toString())).isZero();
        assertThat(Files.readString(settings)).isEqualTo(mine);
    }

    @Test
    void entriesWrittenBeforeTheMarkAreStillRecognised() throws IOException {
        String legacy = "{\"hooks\":{\"PreToolUse\":[{\"hooks\":[{\"type\":\"http\",\"url\":"
                + "\"http://127.0.0.1:8201/ingest/claude-code?x=1\",\"timeout\":5}]}]}}";
        Files.writeString(settings, legacy);
        assertThat(hooks("uninstall", "--settings", settings.toString())).isZero();
        assertThat(Files.readString(settings)).isEqualTo("{}");
    }

    @Test
    void httpOnlyOptionsWithoutHttpModeAreRefused() throws IOException {
        Files.writeString(settings, "{}");
        for (String[] args : List.of(new String[] {"--url", "http://127.0.0.1:8201/ingest/claude-code"},
                new String[] {"--host-name", "x"}, new String[] {"--token-env", "T"})) {
            assertThat(hooks(Stream.concat(Stream.of("install", "--settings", settings.toString(), "--hook", hook.toString()),
                    Stream.of(args)).toArray(String[]::new))).isEqualTo(2);
            assertThat(err.strip().lines()).singleElement().asString().contains(args[0]).contains("--mode http")
                    .endsWith("; see agentgraph hooks install --help");
        }
        assertThat(installHttp("--hook", hook.toString())).isEqualTo(2);
        assertThat(err).contains("--hook goes with --mode file");
        assertThat(installHttp("--host-name", "bad name\r\nX-Evil: 1")).isEqualTo(2);
        assertThat(Files.readString(settings)).isEqualTo("{}");
    }

    @Test
    void oneBackupIsKeptHoldingTheFileBeforeTheLastChange() throws IOException {
        Files.writeString(settings, "{\"model\": \"opus\"}");
        assertThat(hooks("install", "--settings", settings.toString(), "--hook", hook.toString())).isZero();
        String afterInstall = Files.readString(settings);
        assertThat(hooks("uninstall", "--settings", settings.toString())).isZero();
        assertThat(installHttp("--host-name", "h")).isZero();
        assertThat(hooks("uninstall", "--settings", settings.toString())).isZero();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("settings.json.")))
                    .containsExactly("settings.json.agentgraph.bak");
        }
        assertThat(Files.readString(settings.resolveSibling(settings.getFileName() + ".agentgraph.bak"))).contains("X-AgentGraph-Hook").isNotEqualTo(afterInstall);
        assertThat(out).contains("backup: " + settings.resolveSibling(settings.getFileName() + ".agentgraph.bak"));
    }

    @Test
    void theFilesStyleIsKept() throws IOException {
        Map<String, String> styles = Map.of(
                "four spaces", "{\n    \"zeta\": 1,\n    \"alpha\": {\n        \"b\": [\n            1,\n            2\n        ]\n    }\n}\n",
                "tabs", "{\n\t\"zeta\": 1,\n\t\"alpha\": {\n\t\t\"b\": true\n\t}\n}\n",
                "crlf", "{\r\n  \"zeta\": 1,\r\n  \"alpha\": \"x\"\r\n}\r\n",
                "one line", "{\"zeta\":1,\"alpha\":[1,2]}",
                "no final newline", "{\n  \"zeta\": 1.50,\n  \"alpha\": \"\\u00e9\u00e9 <&>\"\n}");
        for (Map.Entry<String, String> style : styles.entrySet()) {
            String original = style.getValue().replace("\\u00e9", "\u00e9");
            Files.writeString(settings, original);
            assertThat(hooks("install", "--settings", settings.toString(), "--hook", hook.toString()))
                    .as(style.getKey()).isZero();
            String installed = Files.readString(settings);
            assertThat(installed.indexOf("\"zeta\"")).as("key order, " + style.getKey())
                    .isLessThan(installed.indexOf("\"alpha\"")).isLessThan(installed.indexOf("\"hooks\""));
            if (style.getKey().equals("tabs")) {
                assertThat(installed).contains("\n\t\"hooks\": {\n\t\t\"SessionStart\": [");
            }
            if (style.getKey().equals("crlf")) {
                assertThat(installed.replace("\r\n", "")).doesNotContain("\n");
            }
            assertThat(hooks("uninstall", "--settings", settings.toString())).isZero();
            assertThat(Files.readString(settings)).as(style.getKey()).isEqualTo(original);
        }
    }

    @Test
    void everythingOutsideTheHooksSectionStaysByteForByte() throws IOException {
        String head = "{\n  \"permissions\": { \"allow\": [\"Bash(npm test:*)\", \"Read\"] },\n  \"model\":   \"opus\",\n";
        String mine = "  \"hooks\": {\"Stop\": [{\"hooks\": [{\"type\": \"command\", \"command\": \"notify-send done\"}]}]},\n";
        String tail = "  \"env\": {\"A\": \"1\"}\n}\n";
        Files.writeString(settings, head + mine + tail);
        assertThat(hooks("install", "--settings", settings.toString(), "--hook", hook.toString())).as(err).isZero();
        String installed = Files.readString(settings);
        assertThat(installed).startsWith(head + "  \"hooks\": {").endsWith("},\n" + tail)
                .contains("notify-send done").contains(AgentGraphHook.SCRIPT_NAME);
        assertThat(hooks("uninstall", "--settings", settings.toString())).isZero();
        String after = Files.readString(settings);
        assertThat(after).startsWith(head).endsWith(tail);
        assertThat(JsonParser.parseString(after)).isEqualTo(JsonParser.parseString(head + mine + tail));

        // Without a hooks section of its own, the file comes back exactly.
        String plain = head + tail;
        Files.writeString(settings, plain);
        assertThat(hooks("install", "--settings", settings.toString(), "--hook", hook.toString())).isZero();
        assertThat(Files.readString(settings)).startsWith(head + "  \"env\": {\"A\": \"1\"},\n  \"hooks\": {");
        assertThat(hooks("uninstall", "--settings", settings.toString())).isZero();
        assertThat(Files.readString(settings)).isEqualTo(plain);
        for (String only : List.of("{}", "{ }\n", "{\n}\n", "{\"hooks\": {}}")) {
            Files.writeString(settings, only);
            assertThat(hooks("install", "--settings", settings.toString(), "--hook", hook.toString())).as(only).isZero();
            assertThat(read().getAsJsonObject("hooks").keySet()).as(only).containsExactlyElementsOf(new ClaudeCodeHooks().events());
            assertThat(hooks("uninstall", "--settings", settings.toString())).isZero();
            assertThat(read().entrySet()).as(only).isEmpty();
        }
    }

    @Test
    void aMalformedFileIsReportedWithLineAndColumnInPlainWords() throws IOException {
        Map<String, String> cases = Map.of(
                "{\n  \"model\": \"opus\"\n  \"hooks\": {}\n}\n", "line 3, column 3: a comma or } was expected",
                "{\n  \"a\": 1,\n}\n", "line 3, column 1: a comma must be followed by another",
                "{'single': 1}", "line 1, column 2: names take double quotes",
                "{\"a\": [1, 2,]}", "line 1, column 13: a value was expected",
                "{\"model\": \"opus\",", "line 1, column 18: the file ends early",
                "{\"a\": \"open}", "line 1, column 7: this string is never closed",
                "{\"a\":1} trailing", "line 1, column 9: the JSON ends before this",
                "{\"a\": 01}", "line 1, column 7: not a valid number: '01}'",
                "\uFEFF{\"a\": tru}", "line 1, column 7: a value was expected, found 'tru}'");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Files.writeString(settings, c.getKey());
            assertThat(hooks("install", "--settings", settings.toString(), "--hook", hook.toString())).isEqualTo(1);
            assertThat(err.strip().lines()).as(c.getKey()).singleElement().asString()
                    .contains(settings + " is not valid settings JSON: " + c.getValue()).contains("left unchanged")
                    .doesNotContainIgnoringCase("gson").doesNotContain("Strictness", "JsonReader", "path $", "http");
            assertThat(Files.readString(settings)).isEqualTo(c.getKey());
        }
        Files.writeString(settings, "\uFEFF{\"model\": \"opus\"}");
        assertThat(hooks("install", "--settings", settings.toString(), "--hook", hook.toString())).as("a BOM is no error")
                .isZero();
    }

    @Test
    void aHookScriptInABuildFolderIsRefusedWithTheWayOut() throws IOException {
        Path built = dir.resolve("src/agentgraph/dist/target/agentgraph-0.1.0/hooks/agentgraph-hook.sh");
        Files.createDirectories(built.getParent());
        Files.writeString(built, "exit 0\n");
        Files.writeString(settings, "{}");
        assertThat(hooks("install", "--settings", settings.toString(), "--hook", built.toString())).isEqualTo(1);
        assertThat(err.strip().lines()).singleElement().asString().contains("build folder").contains("agentgraph install")
                .contains("~/.local/bin/agentgraph");
        assertThat(Files.readString(settings)).isEqualTo("{}");
    }

    @Test
    void projectScopeWritesThePersonalFileUnlessShared() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        assertThat(cli(project, "hooks", "install", "--scope", "project", "--hook", hook.toString())).isZero();
        assertThat(project.resolve(".claude/settings.local.json")).content().contains(AgentGraphHook.SCRIPT_NAME);
        assertThat(project.resolve(".claude/settings.json")).doesNotExist();
        assertThat(cli(project, "hooks", "install", "--scope", "project", "--shared", "--hook", hook.toString())).isZero();
        assertThat(project.resolve(".claude/settings.json")).content().contains(AgentGraphHook.SCRIPT_NAME);
        assertThat(cli(project, "hooks", "uninstall", "--scope", "project")).isZero();
        assertThat(project.resolve(".claude/settings.local.json")).content().doesNotContain(AgentGraphHook.SCRIPT_NAME);
        assertThat(project.resolve(".claude/settings.json")).content().contains(AgentGraphHook.SCRIPT_NAME);
        assertThat(cli(project, "hooks", "install", "--shared", "--hook", hook.toString())).isEqualTo(2);
        assertThat(childOutput).contains("--shared goes with --scope project");
    }

    private String childOutput;

    private int cli(Path workDir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.agentgraph.runtime.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("AGENTGRAPH_"));
        pb.environment().put("HOME", dir.resolve("user").toString());
        Process p = pb.start();
        childOutput = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    @Test
    void controlMakesOnlyPreToolUseSynchronousWithTheControlVariableAndSaysWhatItCosts() throws Exception {
        Files.writeString(settings, "{}\n");
        assertThat(hooks("install", "--settings", settings.toString(), "--hook", hook.toString(), "--events",
                dir.resolve("events.jsonl").toString(), "--control")).as(err).isZero();
        assertThat(out).contains("--control: PreToolUse's hook now runs in the foreground").contains("Restart Claude Code");
        for (String event : new ClaudeCodeHooks().events()) {
            List<JsonObject> ours = hooksOf(event);
            assertThat(ours).as(event).hasSize(1);
            JsonObject h = ours.get(0);
            String command = h.get("command").getAsString();
            if (event.equals("PreToolUse")) {
                assertThat(h.get("async").getAsBoolean()).as("the agent waits for the decision").isFalse();
                assertThat(command).startsWith(AgentGraphHook.CONTROL_ENV + "=1 ").contains(AgentGraphHook.SCRIPT_NAME);
            } else {
                assertThat(command).as(event).doesNotContain(AgentGraphHook.CONTROL_ENV);
                assertThat(h.get("async").getAsBoolean()).as(event).isEqualTo(!event.equals("SessionEnd"));
            }
        }
        // Installing again without --control puts PreToolUse back in the background.
        assertThat(hooks("install", "--settings", settings.toString(), "--hook", hook.toString(), "--events",
                dir.resolve("events.jsonl").toString())).as(err).isZero();
        assertThat(hooksOf("PreToolUse")).singleElement().satisfies(h -> {
            assertThat(h.get("async").getAsBoolean()).isTrue();
            assertThat(h.get("command").getAsString()).doesNotContain(AgentGraphHook.CONTROL_ENV);
        });
    }

    @Test
    void controlInHttpModeKeepsTheHttpHooksWhoseAnswerCarriesTheDecision() throws Exception {
        Files.writeString(settings, "{}\n");
        assertThat(installHttp("--host-name", "box", "--control")).as(err).isZero();
        assertThat(hooksOf("PreToolUse")).singleElement().satisfies(h -> {
            assertThat(h.get("type").getAsString()).isEqualTo("http");
            assertThat(h.has("async")).isFalse();
        });
    }
}
