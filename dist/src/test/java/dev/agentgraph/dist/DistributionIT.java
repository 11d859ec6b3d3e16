package dev.agentgraph.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import dev.agentgraph.testkit.EventFiles;
import dev.agentgraph.testkit.WsClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The distribution as a user gets it: the built zip unpacked into a folder whose path has a space,
 * {@code bin/agentgraph} started from another directory, Claude Code payloads written by the
 * unpacked hook script, the example plugin dropped in, and SIGTERM to stop.
 */
class DistributionIT {

    private static final Path ZIP = Path.of(System.getProperty("dist.zip", "target/agentgraph-0.1.0.zip"));
    private static final String NAME = System.getProperty("dist.name", "agentgraph-0.1.0");
    private static final List<String> DEFAULT_PLUGINS = List.of("jsonl-tail", "stdin", "alive-agents",
            "tool-aggregator", "websocket", "log", "claude-code", "codex", "gemini", "http-ingest", "demo", "replay", "otlp",
            "otlp-export");

    private static Path root;
    private static Installation dist;

    @BeforeAll
    static void unpack() throws IOException {
        root = Files.createTempDirectory("agentgraph dist ");
        Unzip.into(ZIP, root.resolve("with space"));
        Path userHome = Files.createDirectories(root.resolve("home"));
        Path work = Files.createDirectories(root.resolve("elsewhere"));
        dist = new Installation(root.resolve("with space").resolve(NAME), userHome, work);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        dist.killAll();
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void theZipHoldsOneFolderWithEverythingInItsPlace() throws IOException {
        try (Stream<Path> top = Files.list(root.resolve("with space"))) {
            assertThat(top.map(p -> p.getFileName().toString())).containsExactly(NAME);
        }
        assertThat(Files.getPosixFilePermissions(dist.home.resolve("bin/agentgraph"))).contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(Files.getPosixFilePermissions(dist.home.resolve("hooks/agentgraph-hook.sh"))).contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(dist.home.resolve("conf/agentgraph.properties")).isRegularFile();
        assertThat(dist.home.resolve("README")).content().contains("bin/agentgraph --demo");
        assertThat(names("plugins")).hasSize(DEFAULT_PLUGINS.size())
                .allSatisfy(n -> assertThat(DEFAULT_PLUGINS).anyMatch(id -> n.equals("agentgraph-plugin-" + id + "-0.1.0.jar")));
        assertThat(names("examples")).containsExactly("agentgraph-plugin-example-notify-0.1.0.jar");
        assertThat(names("lib")).contains("agentgraph-runtime-0.1.0.jar", "agentgraph-frontend-0.1.0.jar",
                "agentgraph-service-0.1.0.jar", "agentgraph-installer-0.1.0.jar", "d3-7.9.0.jar")
                .noneMatch(n -> n.startsWith("agentgraph-plugin-") || n.startsWith("junit") || n.startsWith("d3-array"));
    }

    @Test
    void theLauncherPassesJavaOptsAndTheHomeWithItsSpace() throws Exception {
        Installation.Result r = dist.run(Map.of("JAVA_OPTS", "-XshowSettings:properties"), launcher(), "--version");
        assertThat(r.exit()).isZero();
        assertThat(r.output()).contains("agentgraph.home = " + dist.home).contains("agentgraph 0.1.0");
    }

    @Test
    void theLauncherCapsTheHeapAndGivesMemoryBackUnlessJavaOptsChooses() throws Exception {
        Installation.Result chosen = dist.run(Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags"), launcher(), "--version");
        assertThat(chosen.exit()).isZero();
        assertThat(chosen.output()).contains("-XX:MaxHeapSize=67108864", "-XX:+UseG1GC", "-XX:G1PeriodicGCInterval=30000",
                "-XX:+ExitOnOutOfMemoryError", "-XX:TrimNativeHeapInterval=2000", "-XX:Tier4InvocationThreshold=50000");

        Installation.Result own = dist.run(Map.of("JAVA_OPTS", "-Xmx200m -XX:+UseSerialGC -XX:+PrintCommandLineFlags"),
                launcher(), "--version");
        assertThat(own.exit()).isZero();
        assertThat(own.output()).contains("-XX:MaxHeapSize=209715200", "-XX:+UseSerialGC")
                .doesNotContain("UseG1GC", "G1PeriodicGCInterval");
    }

    @Test
    void aLargePayloadIsTakenAndTheServerLivesOn() throws Exception {
        // 1.8 MB of small objects, as a PostToolUse of a long listing: before, one such payload alone
        // filled the launcher's 64 MiB heap (three copies of its tree) and the JVM exited on the
        // OutOfMemoryError.
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 40_000; i++) {
            items.append(i == 0 ? "" : ",").append("{\"name\":\"f").append(i).append("\",\"size\":").append(i)
                    .append(",\"kind\":\"file\"}");
        }
        String payload = "{\"session_id\":\"big\",\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Bash\","
                + "\"tool_use_id\":\"t1\",\"tool_input\":{\"command\":\"ls\"},\"tool_response\":{\"items\":[" + items + "]}}";
        assertThat(payload.length()).isBetween(1_700_000, 2_097_152);
        try (Installation.Server server = dist.start("--events", root.resolve("events-big.jsonl").toString())) {
            java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            java.net.http.HttpRequest post = java.net.http.HttpRequest.newBuilder(server.http("/ingest/claude-code"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(payload)).build();
            assertThat(client.send(post, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
            assertThat(Installation.status(server.http("/health"))).isEqualTo(200);
            assertThat(server.process.isAlive()).isTrue();
            assertCleanStop(server);
        }
    }

    @Test
    void theLauncherOnlyAsksForNativeHeapTrimmingFromAJavaThatHasIt() throws Exception {
        for (Map.Entry<String, Boolean> release : Map.of("17.0.5", false, "17.0.11", true, "18.0.2", false, "21.0.2", false,
                "21.0.3", true, "22", false, "22.0.1", true, "25", true).entrySet()) {
            // A java that prints the options it was given, in a JAVA_HOME with this release file.
            Path bin = Files.createDirectories(root.resolve("jdk-" + release.getKey() + "/bin"));
            Files.writeString(bin.resolve("java"), "#!/bin/sh\necho \"$@\"\n");
            bin.resolve("java").toFile().setExecutable(true);
            Files.writeString(bin.getParent().resolve("release"), "JAVA_VERSION=\"" + release.getKey() + "\"\n");
            Installation.Result run = dist.run(Map.of("JAVA_HOME", bin.getParent().toString()), launcher(), "--version");
            assertThat(run.exit()).as(release.getKey()).isZero();
            assertThat(run.output().contains("-XX:TrimNativeHeapInterval=2000")).as(release.getKey() + ": " + run.output())
                    .isEqualTo(release.getValue());
        }
    }

    @Test
    void theLauncherSaysClearlyWhenJava17IsMissing() throws Exception {
        Path tools = Files.createDirectories(root.resolve("tools-without-java"));
        for (String tool : List.of("sed", "dirname", "readlink")) {
            Path real = Path.of("/usr/bin", tool);
            Files.createSymbolicLink(tools.resolve(tool), Files.exists(real) ? real : Path.of("/bin", tool));
        }
        Installation.Result none = dist.run(Map.of("PATH", tools.toString()), "/bin/sh", launcher());
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.output()).contains("no java was found").contains("Java 17 or newer");

        Path oldJava = Files.createDirectories(root.resolve("jdk-11/bin"));
        Files.writeString(oldJava.resolve("java"), "#!/bin/sh\nexit 0\n");
        oldJava.resolve("java").toFile().setExecutable(true);
        Files.writeString(oldJava.getParent().resolve("release"), "JAVA_VERSION=\"11.0.2\"\n");
        Installation.Result old = dist.run(Map.of("JAVA_HOME", oldJava.getParent().toString()), launcher());
        assertThat(old.exit()).isEqualTo(1);
        assertThat(old.output()).contains("is Java 11.0.2").contains("Java 17 or newer");
    }

    @Test
    void hookPayloadsReachAWebSocketClientAndSigtermStopsCleanly() throws Exception {
        Path events = root.resolve("events-1.jsonl");
        try (Installation.Server server = dist.start("--events", events.toString());
             WsClient ws = WsClient.connect(server.ws("/stream"))) {
            assertThat(ws.snapshot().get("type").getAsString()).isEqualTo("snapshot");
            for (String payload : fixture("session-nested-subagents.jsonl")) {
                dist.hook(events, payload);
            }
            JsonObject grandchild = ws.awaitFrame(f -> isEvent(f, "agent_spawn", "ae50454f31af31768")).getAsJsonObject("data");
            assertThat(grandchild.get("parent_id").getAsString()).isEqualTo("aec255404e4fb4400");
            ws.awaitFrame(f -> isEvent(f, "agent_done", "aa767c76fb008f86b"));
            ws.awaitFrame(f -> f.has("data") && "session_end".equals(string(f.getAsJsonObject("data"), "event")));
            assertThat(server.output()).contains("http://127.0.0.1:" + server.port);
            assertCleanStop(server);
        }
    }

    @Test
    void demoAndReplayRunFromTheirCommandLineFlags() throws Exception {
        Path recording = root.resolve("recording.jsonl");
        Files.write(recording, fixture("session-nested-subagents.jsonl"), StandardCharsets.UTF_8);
        try (Installation.Server server = dist.start("--events", root.resolve("events-3.jsonl").toString(),
                "--demo", "--set", "plugin.demo.speed=50", "--replay", recording.toString(), "--speed", "1000");
             WsClient ws = WsClient.connect(server.ws("/stream"))) {
            ws.awaitFrame(f -> f.has("data") && "tool_failed".equals(string(f.getAsJsonObject("data"), "event")));
            await().atMost(Duration.ofSeconds(15)).until(() -> "24".equals(
                    string(replayStats(server).getAsJsonObject("counters"), "events")));
            assertThat(replayStats(server).get("state").getAsString()).isEqualTo("running");
            assertCleanStop(server);
        }
    }

    @Test
    void theExamplePluginDroppedIntoPluginsIsListedAndNotifies() throws Exception {
        List<String> posts = new CopyOnWriteArrayList<>();
        HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                posts.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();
        Path jar = dist.home.resolve("plugins/agentgraph-plugin-example-notify-0.1.0.jar");
        Files.copy(dist.home.resolve("examples/agentgraph-plugin-example-notify-0.1.0.jar"), jar);
        try {
            Installation.Result listed = dist.run(Map.of(), launcher(), "plugins");
            assertThat(listed.exit()).isZero();
            assertThat(listed.output()).contains("example-notify").contains("demo").contains("replay");

            Path events = root.resolve("events-2.jsonl");
            Installation.Server server = dist.start("--events", events.toString(),
                    "--set", "plugin.example-notify.url=http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook",
                    "--set", "plugin.example-notify.format=json");
            assertThat(Installation.get(server.http("/api/stats"))).contains("example-notify");
            EventFiles.append(events,
                    "{\"event\":\"agent_spawn\",\"session_id\":\"s1\",\"id\":\"dropin1\",\"subagent_type\":\"Explore\"}",
                    "{\"event\":\"agent_done\",\"session_id\":\"s1\",\"id\":\"dropin1\",\"outcome\":\"functional\",\"duration_ms\":4200}");
            await().atMost(Duration.ofSeconds(15)).until(() -> !posts.isEmpty());
            JsonObject post = JsonParser.parseString(posts.get(0)).getAsJsonObject();
            assertThat(post.get("text").getAsString()).isEqualTo("Explore: functional, 4.2 s");
            assertThat(post.getAsJsonObject("event").get("id").getAsString()).isEqualTo("dropin1");
            assertCleanStop(server);
        } finally {
            webhook.stop(0);
            Files.deleteIfExists(jar);
        }
    }

    @Test
    void everyKeyOfTheShippedConfigurationIsKnownAndItsDefaultWorks() throws Exception {
        String shipped = Files.readString(dist.home.resolve("conf/agentgraph.properties"), StandardCharsets.UTF_8);
        String uncommented = shipped.replaceAll("(?m)^#((?:server|events|plugins|pipeline|plugin)\\.[\\w.-]+=)", "$1");
        assertThat(uncommented.lines().filter(l -> l.startsWith("plugin.")).count()).isGreaterThan(40);
        Path config = root.resolve("every-key.properties");
        Files.writeString(config, uncommented, StandardCharsets.UTF_8);
        try (Installation.Server server = dist.start("--config", config.toString(),
                "--events", root.resolve("events-4.jsonl").toString())) {
            JsonObject components = JsonParser.parseString(Installation.get(server.http("/api/stats"))).getAsJsonObject()
                    .getAsJsonObject("components");
            assertThat(components.keySet()).contains("jsonl-tail", "claude-code", "alive-agents", "tool-aggregator", "websocket");
            assertCleanStop(server);
        }
    }

    @Test
    void serviceInstallWritesAUserUnitForThisInstallation() throws Exception {
        Installation.Result r = dist.run(Map.of(), launcher(), "service", "install", "--no-start");
        assertThat(r.exit()).as(r.output()).isZero();
        String unit = Files.readString(dist.userHome.resolve(".config/systemd/user/agentgraph.service"));
        assertThat(unit).contains("ExecStart=\"" + dist.home.resolve("bin/agentgraph") + "\"").contains("Restart=on-failure");
        assertThat(dist.run(Map.of(), launcher(), "service", "uninstall", "--no-start").exit()).isZero();
        assertThat(dist.userHome.resolve(".config/systemd/user/agentgraph.service")).doesNotExist();
    }

    @Test
    void installMakesAStableCopyWhoseHooksAndDoctorWork() throws Exception {
        Installation.Result installed = dist.run(Map.of("XDG_DATA_HOME", ""), launcher(), "install");
        assertThat(installed.exit()).as(installed.output()).isZero();
        Path stable = dist.userHome.resolve(".local/share/agentgraph");
        String link = dist.userHome.resolve(".local/bin/agentgraph").toString();
        assertThat(stable.resolve("hooks/agentgraph-hook.sh")).exists();
        assertThat(installed.output()).contains("linked " + link);

        Installation.Result version = dist.run(Map.of(), link, "--version");
        assertThat(version.exit()).isZero();
        assertThat(version.output()).startsWith("agentgraph 0.1.0");

        Path events = dist.workDir.resolve("doctor-events.jsonl");
        Installation.Result hooks = dist.run(Map.of(), link, "hooks", "install", "--agent", "claude-code", "--events",
                events.toString());
        assertThat(hooks.exit()).as(hooks.output()).isZero();
        assertThat(hooks.output()).contains("Restart Claude Code");
        assertThat(Files.readString(dist.userHome.resolve(".claude/settings.json")))
                .contains("AGENTGRAPH_RUNTIME=claude-code sh '" + stable.resolve("hooks/agentgraph-hook.sh") + "'");
        dist.hook(events, "{\"session_id\":\"d1\",\"hook_event_name\":\"SessionStart\",\"cwd\":\"/w\"}");
        try (Installation.Server server = dist.start("--events", events.toString())) {
            // The line follows /health answering by a moment.
            String line = await().atMost(Duration.ofSeconds(10)).until(
                    () -> server.output().lines().filter(l -> l.startsWith("AgentGraph ")).findFirst().orElse(null),
                    Objects::nonNull);
            assertThat(line)
                    .contains("(events: " + events + "; components: ").contains("jsonl-tail").doesNotContain("demo");
            Installation.Result doctor = dist.run(Map.of(), link, "doctor", "--port", String.valueOf(server.port),
                    "--events", events.toString());
            assertThat(doctor.exit()).as(doctor.output()).isZero();
            assertThat(doctor.output()).contains("All is well.")
                    .contains("hooks registered in " + dist.userHome.resolve(".claude/settings.json"))
                    .contains("the hook script " + stable.resolve("hooks/agentgraph-hook.sh") + " runs");
            JsonObject health = JsonParser.parseString(Installation.get(server.http("/api/health"))).getAsJsonObject();
            assertThat(health.get("status").getAsString()).isEqualTo("ok");
            assertThat(health.getAsJsonObject("components").getAsJsonObject("jsonl-tail").get("state").getAsString())
                    .isEqualTo("running");
            assertCleanStop(server);
        } finally {
            dist.run(Map.of(), link, "hooks", "uninstall", "--agent", "claude-code");
        }
        assertThat(dist.run(Map.of(), link, "doctor", "--port", String.valueOf(Installation.freePort())).exit())
                .as("no server, no hooks").isEqualTo(1);
    }

    private static JsonObject replayStats(Installation.Server server) throws Exception {
        return JsonParser.parseString(Installation.get(server.http("/api/stats"))).getAsJsonObject()
                .getAsJsonObject("components").getAsJsonObject("replay");
    }

    private static void assertCleanStop(Installation.Server server) throws Exception {
        int exit = server.terminate();
        String output = server.output();
        assertThat(exit).as(output).isZero();
        assertThat(output).doesNotContainPattern("(?m)^\\s+at [\\w.$]+\\(").doesNotContain("Exception in thread");
    }

    private static boolean isEvent(JsonObject frame, String type, String id) {
        if (!"event".equals(string(frame, "type")) || !frame.has("data")) {
            return false;
        }
        JsonObject data = frame.getAsJsonObject("data");
        return type.equals(string(data, "event")) && id.equals(string(data, "id"));
    }

    private static String string(JsonObject o, String field) {
        return o.has(field) && o.get(field).isJsonPrimitive() ? o.get(field).getAsString() : null;
    }

    private static List<String> fixture(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(DistributionIT.class.getResourceAsStream("/" + name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private static List<String> names(String dir) throws IOException {
        try (Stream<Path> files = Files.list(dist.home.resolve(dir))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String launcher() {
        return dist.home.resolve("bin/agentgraph").toString();
    }
}
