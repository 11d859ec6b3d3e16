package dev.agentgraph.plugins.codex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgraph.testkit.TestAgentGraph;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agentgraph doctor} for Codex, as a user runs it (a child process with its own HOME): the
 * generic checks read Codex's hooks.json, in file mode and in http mode, where every hook is a
 * curl command.
 */
class CodexDoctorTest {

    private static final Path HOOK = Path.of("../../hooks/agentgraph-hook.sh").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private static void hooks(String... args) {
        StringWriter err = new StringWriter();
        int code = dev.agentgraph.runtime.cli.Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), args);
        assertThat(code).as(err.toString()).isZero();
    }

    private String doctor(Path home, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.agentgraph.runtime.cli.Main", "doctor"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(Files.createDirectories(dir.resolve("work")).toFile())
                .redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("AGENTGRAPH_"));
        pb.environment().put("HOME", home.toString());
        pb.environment().put("LANG", "C.UTF-8");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void codexHooksAreCheckedInFileModeAndInHttpMode() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path settings = home.resolve(".codex/hooks.json");
        Path events = dir.resolve("events.jsonl");
        hooks("hooks", "install", "--agent", "codex", "--settings", settings.toString(), "--hook", HOOK.toString(),
                "--events", events.toString());
        try (TestAgentGraph graph = TestAgentGraph.builder().eventsFile(events).start()) {
            String file = doctor(home, "--port", String.valueOf(graph.port()), "--events", events.toString());
            assertThat(file).contains("Codex CLI")
                    .contains("✔ hooks registered in " + settings + " (file mode, " + CodexHooks.EVENTS.size() + " events)")
                    .contains("✔ the hook script " + HOOK + " runs")
                    .contains("✔ the hooks write to " + events + ", the file AgentGraph reads")
                    .doesNotContain("Claude Code");

            hooks("hooks", "install", "--agent", "codex", "--settings", settings.toString(), "--mode", "http",
                    "--url", graph.http("/ingest/codex").toString(), "--token-env", "AG_CODEX_TOKEN");
            String http = doctor(home, "--port", String.valueOf(graph.port()), "--events", events.toString());
            assertThat(http).contains("✔ hooks registered in " + settings + " (http mode")
                    .contains("✔ the hooks post to " + graph.http("/ingest/codex") + ", where AgentGraph answers")
                    .contains("✘ the hooks send the token from $AG_CODEX_TOKEN, which is not set here")
                    .contains("in the shell that starts Codex CLI");
        }
    }
}
