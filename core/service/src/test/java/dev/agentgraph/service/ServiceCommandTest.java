package dev.agentgraph.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServiceCommandTest {

    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<List<String>> ran = new ArrayList<>();

    private int run(ServiceEnvironment.Os os, String... args) {
        return runFrom(Path.of("/opt/agent graph/agentgraph-0.1.0"), os, args);
    }

    private int runFrom(Path installation, ServiceEnvironment.Os os, String... args) {
        ServiceEnvironment env = new ServiceEnvironment(home, installation, Path.of("/usr/lib/jvm/java-17"), os);
        CommandRunner recording = new CommandRunner() {
            @Override
            Result run(List<String> command) {
                ran.add(command);
                return new Result(true, "");
            }
        };
        CommandLine cli = new CommandLine(new ServiceCommand(env, recording));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void installWritesASystemdUserUnitThatQuotesThePathWithSpaces() throws Exception {
        assertThat(run(ServiceEnvironment.Os.LINUX, "install", "--no-start")).isZero();
        Path unit = home.resolve(".config/systemd/user/agentgraph.service");
        String text = Files.readString(unit);
        assertThat(text).contains("ExecStart=\"/opt/agent graph/agentgraph-0.1.0/bin/agentgraph\"\n")
                .contains("Restart=on-failure")
                .contains("Environment=\"JAVA_HOME=/usr/lib/jvm/java-17\"")
                .contains("WantedBy=default.target");
        assertThat(out.toString()).contains("Wrote " + unit).contains("Not started (--no-start)")
                .contains("systemctl --user daemon-reload && systemctl --user enable --now agentgraph.service");
        assertThat(ran).isEmpty();
    }

    @Test
    void installStartsTheServiceWithSystemctlAndSaysSo() {
        assertThat(run(ServiceEnvironment.Os.LINUX, "install", "--", "--port", "8300")).isZero();
        assertThat(ran).containsExactly(List.of("systemctl", "--user", "daemon-reload"),
                List.of("systemctl", "--user", "enable", "--now", "agentgraph.service"));
        assertThat(out.toString()).contains("Ran: systemctl --user enable --now agentgraph.service")
                .contains("journalctl --user -u agentgraph");
    }

    @Test
    void printShowsTheUnitWithExtraArgumentsAndWritesNothing() {
        assertThat(run(ServiceEnvironment.Os.LINUX, "print", "--", "--port", "8300", "--set", "a=50%$x")).isZero();
        assertThat(out.toString()).contains(
                "ExecStart=\"/opt/agent graph/agentgraph-0.1.0/bin/agentgraph\" \"--port\" \"8300\" \"--set\" \"a=50%%$$x\"");
        assertThat(home.resolve(".config")).doesNotExist();
    }

    @Test
    void uninstallRemovesTheUnitAndIsQuietWhenThereIsNone() {
        run(ServiceEnvironment.Os.LINUX, "install", "--no-start");
        assertThat(run(ServiceEnvironment.Os.LINUX, "uninstall", "--no-start")).isZero();
        assertThat(home.resolve(".config/systemd/user/agentgraph.service")).doesNotExist();
        assertThat(ran).isEmpty();
        assertThat(run(ServiceEnvironment.Os.LINUX, "uninstall")).isZero();
        assertThat(out.toString()).contains("Nothing to uninstall");
    }

    @Test
    void uninstallStopsAndReloads() {
        run(ServiceEnvironment.Os.LINUX, "install", "--no-start");
        assertThat(run(ServiceEnvironment.Os.LINUX, "uninstall")).isZero();
        assertThat(ran).containsExactly(List.of("systemctl", "--user", "disable", "--now", "agentgraph.service"),
                List.of("systemctl", "--user", "daemon-reload"));
    }

    @Test
    void onMacOsItWritesALaunchdAgentThatRestartsAfterACrash() throws Exception {
        assertThat(run(ServiceEnvironment.Os.MACOS, "install", "--no-start")).isZero();
        String plist = Files.readString(home.resolve("Library/LaunchAgents/dev.agentgraph.plist"));
        assertThat(plist).contains("<string>dev.agentgraph</string>")
                .contains("<string>/opt/agent graph/agentgraph-0.1.0/bin/agentgraph</string>")
                .contains("<key>SuccessfulExit</key>")
                .contains("<string>" + home.resolve("Library/Logs/agentgraph.log") + "</string>");
        assertThat(home.resolve("Library/Logs")).isDirectory();
        assertThat(run(ServiceEnvironment.Os.MACOS, "uninstall")).isZero();
        assertThat(ran).containsExactly(List.of("launchctl", "unload", "-w",
                home.resolve("Library/LaunchAgents/dev.agentgraph.plist").toString()));
    }

    @Test
    void aFailingServiceManagerIsReportedAndTheExitCodeSaysSo() {
        ServiceEnvironment env = new ServiceEnvironment(home, Path.of("/opt/ag"), Path.of("/jvm"), ServiceEnvironment.Os.LINUX);
        CommandLine cli = new CommandLine(new ServiceCommand(env, new CommandRunner() {
            @Override
            Result run(List<String> command) {
                return new Result(false, "exit 1: Failed to connect to bus");
            }
        }));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("install")).isEqualTo(1);
        assertThat(err.toString()).contains("Failed: systemctl --user daemon-reload (exit 1: Failed to connect to bus)")
                .contains("did not start");
    }

    @Test
    void withoutAnInstallationFolderOrOnAnotherOsItRefusesClearly() {
        ServiceEnvironment env = new ServiceEnvironment(home, null, Path.of("/jvm"), ServiceEnvironment.Os.LINUX);
        CommandLine cli = new CommandLine(new ServiceCommand(env, new CommandRunner()));
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("print")).isEqualTo(1);
        assertThat(err.toString()).contains("agentgraph.home").contains("bin/agentgraph");
        assertThat(run(ServiceEnvironment.Os.OTHER, "print")).isEqualTo(1);
        assertThat(err.toString()).contains("only Linux (systemd) and macOS (launchd)");
    }

    @Test
    void aRealCommandRunnerReportsSuccessFailureAndMissingPrograms() throws Exception {
        CommandRunner real = new CommandRunner();
        assertThat(real.run(List.of("sh", "-c", "exit 0")).ok()).isTrue();
        assertThat(real.run(List.of("sh", "-c", "echo nope >&2; exit 3")).detail()).isEqualTo("exit 3: nope");
        assertThat(real.run(List.of("/nonexistent/systemctl")).detail()).startsWith("could not run /nonexistent/systemctl");
    }

    @Test
    void osNamesAreRecognised() {
        assertThat(ServiceEnvironment.os("Linux")).isEqualTo(ServiceEnvironment.Os.LINUX);
        assertThat(ServiceEnvironment.os("Mac OS X")).isEqualTo(ServiceEnvironment.Os.MACOS);
        assertThat(ServiceEnvironment.os("Windows 11")).isEqualTo(ServiceEnvironment.Os.OTHER);
    }

    @Test
    void anInstallationInABuildFolderIsRefusedWithTheWayOut() {
        assertThat(runFrom(Path.of("/src/agentgraph/dist/target/agentgraph-0.1.0"), ServiceEnvironment.Os.LINUX,
                "install", "--no-start")).isEqualTo(1);
        assertThat(err.toString().strip().lines()).singleElement().asString().contains("build folder")
                .contains("agentgraph install");
        assertThat(home.resolve(".config")).doesNotExist();
        assertThat(ran).isEmpty();
    }

    @Test
    void everySubcommandHasHelpThroughTheRealCommandLine() {
        for (String sub : List.of("print", "install", "uninstall")) {
            StringWriter o = new StringWriter();
            StringWriter e = new StringWriter();
            int code = dev.agentgraph.runtime.cli.Main.execute(new PrintWriter(o), new PrintWriter(e), "service", sub, "--help");
            assertThat(code).as(sub + ": " + e).isZero();
            assertThat(o.toString()).startsWith("Usage: agentgraph service " + sub);
        }
        // Through the real command line, the methods still get their own arguments.
        StringWriter p = new StringWriter();
        assertThat(dev.agentgraph.runtime.cli.Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(p),
                "service", "print", "--", "--port", "8300")).isEqualTo(1);
        assertThat(p.toString()).contains("installation folder is unknown").doesNotContain("mismatch");
        StringWriter e = new StringWriter();
        int code = dev.agentgraph.runtime.cli.Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(e),
                "service", "instal");
        assertThat(code).isEqualTo(2);
        assertThat(e.toString().strip()).isEqualTo(
                "agentgraph service: unknown command 'instal' (did you mean install?); see agentgraph service --help");
    }
}
