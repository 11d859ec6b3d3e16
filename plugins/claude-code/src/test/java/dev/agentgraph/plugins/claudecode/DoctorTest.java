package dev.agentgraph.plugins.claudecode;

import dev.agentgraph.api.AgentGraphHook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentgraph.api.Emitter;
import dev.agentgraph.api.Event;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Source;
import dev.agentgraph.api.SourceFactory;
import dev.agentgraph.runtime.AgentGraph;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agentgraph doctor} as a user runs it (a child process with its own HOME and working
 * folder) against a working set-up (a real server, the real hook script, real settings and event
 * files) and broken ones.
 */
class DoctorTest {

    /** The repository's hook script, the one the distribution ships. */
    private static final Path HOOK = Path.of("../../hooks/agentgraph-hook.sh").toAbsolutePath().normalize();

    @TempDir
    Path dir;
    Path home;
    Path project;
    Path events;

    @BeforeEach
    void folders() throws IOException {
        assertThat(HOOK).exists();
        home = Files.createDirectories(dir.resolve("home"));
        project = Files.createDirectories(dir.resolve("project"));
        events = dir.resolve("events/agent-events.jsonl");
    }

    private enum Tail { WORKS, BREAKS, DEAF }

    /** A source that reads the event file, as jsonl-tail does, and hands on one event; or one that breaks. */
    private static SourceFactory source(boolean breaks) {
        return source(breaks ? Tail.BREAKS : Tail.WORKS);
    }

    /** ...or one that silently reads nothing. */
    private static SourceFactory source(Tail tail) {
        boolean breaks = tail == Tail.BREAKS;
        return new SourceFactory() {
            @Override
            public String id() {
                return "tail";
            }

            @Override
            public Source create(PluginContext context) {
                Path file = context.eventsFile();
                return new Source() {
                    @Override
                    public void start(Emitter emitter) {
                        if (breaks) {
                            context.log().error("stopped following {}: {}", file, "java.nio.file.AccessDeniedException");
                        } else if (tail == Tail.WORKS) {
                            emitter.emit(Event.builder("session_start").put("session_id", "s1").build());
                        }
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
    }

    private static AgentGraph server(Path eventsFile, boolean broken) {
        return AgentGraph.builder().set("server.port", "0").set("events.file", eventsFile.toString())
                .component(source(broken)).start();
    }

    private int hooks(String... args) {
        List<String> all = new ArrayList<>(List.of("hooks"));
        all.addAll(List.of(args));
        StringWriter err = new StringWriter();
        int code = dev.agentgraph.runtime.cli.Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err),
                all.toArray(String[]::new));
        assertThat(code).as(err.toString()).isZero();
        return code;
    }

    private void hookEvent(Path script, Path file) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", script.toString());
        pb.environment().put("AGENTGRAPH_EVENTS", file.toString());
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write("{\"session_id\":\"s1\",\"hook_event_name\":\"SessionStart\",\"cwd\":\"/w\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    private record Run(int code, String out) {
    }

    private Run doctor(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.agentgraph.runtime.cli.Main", "doctor"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("AGENTGRAPH_") || k.startsWith("AG_DOCTOR"));
        pb.environment().put("HOME", home.toString());
        pb.environment().put("LANG", "C.UTF-8");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aWorkingSetUpIsAllWell() throws Exception {
        hooks("install", "--settings", home.resolve(".claude/settings.json").toString(), "--hook", HOOK.toString(),
                "--events", events.toString());
        hookEvent(HOOK, events);
        long before = Files.size(events);
        try (AgentGraph graph = server(events, false)) {
            Run run = doctor("--port", String.valueOf(graph.port()), "--events", events.toString());
            assertThat(run.code()).as(run.out()).isZero();
            assertThat(run.out()).doesNotContain("✘").contains("All is well.")
                    .contains("✔ event file " + events + " is writable")
                    .contains("✔ last event just now")
                    .contains("✔ AgentGraph 0.1.0 runs on http://127.0.0.1:" + graph.port() + "/")
                    .contains("✔ the server has received 1 events since it started, the last just now")
                    .contains("Claude Code")
                    .contains("✔ hooks registered in " + home.resolve(".claude/settings.json") + " (file mode, " + new ClaudeCodeHooks().events().size() + " events)")
                    .contains("✔ the hook script " + HOOK + " runs (a test event went to a temporary file, not yours)")
                    .contains("✔ the hooks write to " + events + ", the file AgentGraph reads");
        }
        assertThat(Files.size(events)).as("the test run did not touch the user's event file").isEqualTo(before);
    }

    @Test
    void anEventTheServerDidNotReceiveIsATailThatStopped() throws Exception {
        hooks("install", "--settings", home.resolve(".claude/settings.json").toString(), "--hook", HOOK.toString(),
                "--events", events.toString());
        try (AgentGraph graph = AgentGraph.builder().set("server.port", "0").set("events.file", events.toString())
                .component(source(Tail.DEAF)).start()) {
            // The hook's stamp comes from /proc/uptime (centiseconds) and a boot time learnt to the
            // millisecond: it may lag the JVM's clock by a few of those. An event written the
            // moment the server is up could then read as older than the server and not be judged.
            Instant started = Instant.parse(graph.health().get("started_at").getAsString());
            await().atMost(Duration.ofSeconds(2)).until(() -> Instant.now().isAfter(started.plusMillis(100)));
            hookEvent(HOOK, events);
            Run run = doctor("--port", String.valueOf(graph.port()), "--events", events.toString());
            assertThat(run.code()).as(run.out()).isEqualTo(1);
            assertThat(run.out()).contains("✘ the event file got an event at ")
                    .contains("that the server has not received (its sources' last: none since it started)");
        }
    }

    @Test
    void workingHttpHooksNeedNoEventFile() throws Exception {
        try (AgentGraph graph = server(events, false)) {
            hooks("install", "--settings", home.resolve(".claude/settings.json").toString(), "--mode", "http",
                    "--url", graph.uri("/ingest/claude-code").toString());
            Run run = doctor("--port", String.valueOf(graph.port()), "--events", events.toString());
            assertThat(run.code()).as(run.out()).isZero();
            assertThat(run.out()).doesNotContain("✘").doesNotContain("event file")
                    .contains("✔ the hooks post to " + graph.uri("/ingest/claude-code") + ", where AgentGraph answers");
        }
    }

    @Test
    void aBrokenSetUpSaysWhatIsWrongAndHowToFixIt() throws Exception {
        Path gone = dir.resolve("old-install/hooks/agentgraph-hook.sh");
        Files.createDirectories(gone.getParent());
        Files.copy(HOOK, gone);
        hooks("install", "--settings", home.resolve(".claude/settings.json").toString(), "--hook", gone.toString());
        hooks("install", "--settings", project.resolve(".claude/settings.local.json").toString(), "--hook", gone.toString());
        Files.delete(gone);
        Path served = dir.resolve("other/events.jsonl");
        try (AgentGraph graph = server(served, true)) {
            Run run = doctor("--port", String.valueOf(graph.port()), "--events", events.toString());
            assertThat(run.code()).as(run.out()).isEqualTo(1);
            assertThat(run.out())
                    .contains("✘ no event file yet at " + events)
                    .contains("✘ server: tail: stopped following " + served + ": java.nio.file.AccessDeniedException")
                    .contains("✘ the server reads " + served + ", not " + events)
                    .contains("✘ AgentGraph hooks are registered in " + home.resolve(".claude/settings.json") + ", "
                            + project.resolve(".claude/settings.local.json"))
                    .contains("✘ the hook script " + gone + " does not exist")
                    .contains("fix: agentgraph install, then ~/.local/bin/agentgraph hooks install --agent claude-code, then restart Claude Code")
                    .contains("✘ the hooks write to " + dev.agentgraph.runtime.config.Home.user().resolve(".local/state/agentgraph/events.jsonl")
                            + " but AgentGraph reads " + events)
                    .contains("problems to fix.");
            long problems = run.out().lines().filter(l -> l.contains("✘")).count();
            long fixes = run.out().lines().filter(l -> l.strip().startsWith("fix: ")).count();
            assertThat(fixes).as("every ✘ has its fix").isEqualTo(problems);
        }
    }

    @Test
    void noServerNoHooksAndHttpHooksWithoutTheirServerOrToken() throws Exception {
        Run bare = doctor("--port", String.valueOf(closedPort()), "--events", events.toString());
        assertThat(bare.code()).isEqualTo(1);
        assertThat(bare.out()).contains("✘ no server answers on http://127.0.0.1:").contains("(nothing listens there)")
                .contains("fix: start it: agentgraph (or keep it running: agentgraph service install)")
                .contains("✘ no AgentGraph hooks in " + home.resolve(".claude/settings.json"))
                .contains("fix: agentgraph hooks install --agent claude-code (if you use Claude Code), then restart Claude Code");

        int port = closedPort();
        hooks("install", "--settings", home.resolve(".claude/settings.json").toString(), "--mode", "http",
                "--url", "http://127.0.0.1:" + port + "/ingest/claude-code", "--token-env", "AG_DOCTOR_TOKEN");
        Run http = doctor("--port", String.valueOf(port), "--events", events.toString());
        assertThat(http.code()).isEqualTo(1);
        assertThat(http.out()).contains("✔ hooks registered in " + home.resolve(".claude/settings.json") + " (http mode")
                .contains("✘ the hooks post to http://127.0.0.1:" + port + "/ingest/claude-code, where no AgentGraph answers")
                .contains("✘ the hooks send the token from $AG_DOCTOR_TOKEN, which is not set here");
    }

    @Test
    void aBrokenConfigurationIsOneProblemLine() throws Exception {
        Run run = doctor("--events", dir.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("✘ configuration: events.file: " + dir + " is a directory").contains("fix: ");
    }

    @Test
    void hooksThatWaitForControlDecisionsFromAServerWithoutControlAreAProblem() throws Exception {
        hooks("install", "--settings", home.resolve(".claude/settings.json").toString(), "--hook", HOOK.toString(),
                "--events", events.toString(), "--control");
        String port = String.valueOf(closedPort());
        assertThat(doctor("--port", port, "--events", events.toString()).out())
                .contains("✘ PreToolUse's hook waits for control decisions (--control), but the server's configuration has no"
                        + " server.control")
                .contains("start agentgraph with --control");
        assertThat(doctor("--port", port, "--events", events.toString(), "--control").out())
                .doesNotContain("waits for control decisions");
    }

    @Test
    void aServerWithControlAndFileHooksThatDoNotAskIsAProblem() throws Exception {
        hooks("install", "--settings", home.resolve(".claude/settings.json").toString(), "--hook", HOOK.toString(),
                "--events", events.toString());
        String port = String.valueOf(closedPort());
        assertThat(doctor("--port", port, "--events", events.toString(), "--control").out())
                .contains("✘ the server's configuration turns control on (server.control), but PreToolUse's hook does not"
                        + " ask for decisions")
                .contains("agentgraph hooks install --agent claude-code --control");
        assertThat(doctor("--port", port, "--events", events.toString()).out())
                .doesNotContain("does not ask for decisions");
    }
}
