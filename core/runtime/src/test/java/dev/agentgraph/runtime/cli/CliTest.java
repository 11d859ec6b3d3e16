package dev.agentgraph.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agentgraph command: in-process for parsing, as a real child process for ports and signals. */
class CliTest {

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    private ProcessBuilder child(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("AGENTGRAPH_"));
        return pb;
    }

    @Test
    void aBusyPortExitsNonZeroWithOneLineNamingThePort() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = busy.getLocalPort();
            Process p = child("--port", String.valueOf(port), "--plugins", dir.resolve("none").toString(),
                    "--events", dir.resolve("events.jsonl").toString()).start();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            List<String> lines = (out + err).lines().filter(l -> !l.isBlank()).toList();

            assertThat(p.exitValue()).isEqualTo(ExitCodes.PORT_IN_USE);
            assertThat(lines).as("stdout+stderr: %s", out + err).hasSize(1);
            assertThat(lines.get(0)).contains(String.valueOf(port)).doesNotContain("Exception");
        }
    }

    @Test
    void sigtermStopsCleanlyWithExitCodeZero() throws Exception {
        Process p = child("--port", "0", "--plugins", dir.resolve("none").toString(),
                "--events", dir.resolve("events.jsonl").toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).startsWith("AgentGraph ").contains("open http://127.0.0.1:")
                    .contains("components: none").as("no component reads the event file").doesNotContain("events:");
            p.destroy();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void configurationErrorsAreOneLineNamingTheKey() throws Exception {
        Result unknown = run("--set", "sever.port=1", "--port", "0");
        assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.errLines()).singleElement().asString().contains("sever.port").contains("unknown key");

        Result missing = run("--config", dir.resolve("missing.properties").toString());
        assertThat(missing.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.errLines()).singleElement().asString().contains("missing.properties");

        Path unreadable = Files.createDirectories(dir.resolve("a-directory.properties"));
        Result notAFile = run("--config", unreadable.toString());
        assertThat(notAFile.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(notAFile.errLines()).singleElement().asString().contains("a-directory.properties");

        Result open = run("--host", "0.0.0.0");
        assertThat(open.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(open.errLines()).singleElement().asString().contains("server.token");

        Result speed = run("--speed", "2");
        assertThat(speed.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(speed.errLines()).singleElement().asString().contains("--replay");

        // A directory named like the subcommand is still a directory.
        Result named = run("--plugins", "plugins", "--set", "bogus=1");
        assertThat(named.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(named.errLines()).singleElement().asString().contains("bogus");

        Result badFlag = run("--port");
        assertThat(badFlag.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(badFlag.errLines()).singleElement().asString().contains("--port");
    }

    @Test
    void versionAndHelp() {
        Result version = run("--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("agentgraph 0.1.0");
        Result help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--port", "--events", "--plugins", "--config", "--stdin", "--demo", "--replay",
                "--set", "plugins", "run", "Exit codes");
    }

    @Test
    void pluginsListsWhatTheDirectoryHoldsWithoutAServer() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.writeString(plugins.resolve("broken.jar"), "not a jar");
        Result listing = run("plugins", "--plugins", plugins.toString());
        assertThat(listing.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(listing.out()).contains("Plugins in " + plugins.toAbsolutePath()).contains("broken.jar", "failed")
                .contains("Components:");

        Result empty = run("plugins", "--plugins", dir.resolve("nothing").toString());
        assertThat(empty.code()).isZero();
        assertThat(empty.out()).contains("(none)");
    }

    @Test
    void subcommandsComeFromCommandProviders() {
        Result greet = run("greet", "you");
        assertThat(greet.code()).isEqualTo(7);
        assertThat(greet.out()).isEqualTo("hello you" + System.lineSeparator());
        assertThat(run("--help").out()).contains("greet");
    }

    private Result childRun(String... args) throws Exception {
        Process p = child(args).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void anUnusableEventFileExitsTwoWithOneLine() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("a folder"));
        Result directory = childRun("--port", "0", "--plugins", dir.resolve("none").toString(), "--events", folder.toString());
        assertThat(directory.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(directory.out()).isEmpty();
        assertThat(directory.errLines()).singleElement().asString()
                .isEqualTo("agentgraph: configuration error: events.file: " + folder + " is a directory; --events"
                        + " (events.file) takes the path of a file, such as " + folder.resolve("agent-events.jsonl"));

        Path file = Files.writeString(dir.resolve("plain.txt"), "x");
        Result underAFile = childRun("--port", "0", "--plugins", dir.resolve("none").toString(),
                "--events", file.resolve("sub/events.jsonl").toString());
        assertThat(underAFile.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(underAFile.errLines()).singleElement().asString().contains(file + " is a file, not a directory")
                .doesNotContain("Exception");
    }

    @Test
    void aMistypedOptionOrCommandGetsADidYouMeanAndTheRightHelp() {
        Result option = run("--prot", "8300");
        assertThat(option.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(option.errLines()).singleElement().asString()
                .isEqualTo("agentgraph: unknown option '--prot' (did you mean --port?); see agentgraph --help");

        assertThat(run("--evnets=/tmp/x").errLines()).singleElement().asString()
                .isEqualTo("agentgraph: unknown option '--evnets=/tmp/x' (did you mean --events?); see agentgraph --help");

        Result command = run("plugns");
        assertThat(command.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(command.errLines()).singleElement().asString().startsWith("agentgraph: unknown command 'plugns'")
                .contains("did you mean plugins?").endsWith("; see agentgraph --help");

        Result sub = run("plugins", "--plugin", "x");
        assertThat(sub.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(sub.errLines()).singleElement().asString().startsWith("agentgraph plugins: unknown option '--plugin'")
                .contains("did you mean --plugins").endsWith("; see agentgraph plugins --help");

        Result missing = run("run", "--port");
        assertThat(missing.errLines()).singleElement().asString().startsWith("agentgraph run: ")
                .contains("--port").endsWith("; see agentgraph run --help");
    }

    @Test
    void helpWorksOnEverySubcommand() {
        List<String> paths = new ArrayList<>();
        collect(Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())), List.of(), paths);
        assertThat(paths).contains("plugins", "run", "greet");
        for (String path : paths) {
            List<String> args = new ArrayList<>(List.of(path.split(" ")));
            args.add("--help");
            Result help = run(args.toArray(String[]::new));
            assertThat(help.code()).as(path).isZero();
            assertThat(help.out()).as(path).startsWith("Usage: agentgraph " + path);
            assertThat(help.err()).as(path).isEmpty();
        }
    }

    private static void collect(picocli.CommandLine cli, List<String> prefix, List<String> paths) {
        cli.getSubcommands().forEach((name, sub) -> {
            List<String> path = new ArrayList<>(prefix);
            path.add(name);
            paths.add(String.join(" ", path));
            collect(sub, path, paths);
        });
    }
}
