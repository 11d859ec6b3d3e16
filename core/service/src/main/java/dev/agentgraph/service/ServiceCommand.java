package dev.agentgraph.service;

import dev.agentgraph.runtime.config.Home;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code agentgraph service print|install|uninstall}: keeps AgentGraph running in the background
 * as a systemd user unit (Linux) or a launchd agent (macOS). Arguments after {@code --} are passed
 * to {@code agentgraph} in the service, e.g. {@code service install -- --port 8300}.
 */
@Command(name = "service", mixinStandardHelpOptions = true,
        description = "Run AgentGraph in the background: a systemd user unit (Linux) or a launchd agent (macOS).")
public final class ServiceCommand {

    private final ServiceEnvironment env;
    private final CommandRunner runner;

    @Spec
    private CommandSpec spec;

    public ServiceCommand() {
        this(ServiceEnvironment.current(), new CommandRunner());
    }

    ServiceCommand(ServiceEnvironment env, CommandRunner runner) {
        this.env = env;
        this.runner = runner;
    }

    @Command(name = "print", mixinStandardHelpOptions = true, description = "Print the unit (or agent) file that install would write.")
    int print(@Parameters(paramLabel = "ARG", arity = "0..*", description = "Arguments for agentgraph in the service.")
              List<String> args) {
        ServiceDefinition def = definition();
        if (def == null) {
            return 1;
        }
        out().print(def.render(args == null ? List.of() : args));
        out().flush();
        return 0;
    }

    @Command(name = "install", mixinStandardHelpOptions = true, description = "Write the unit (or agent) file and start the service now and at every login.")
    int install(@Option(names = "--no-start", description = "Only write the file; do not load or start it.") boolean noStart,
                @Parameters(paramLabel = "ARG", arity = "0..*", description = "Arguments for agentgraph in the service.")
                List<String> args) throws IOException, InterruptedException {
        ServiceDefinition def = definition();
        if (def == null) {
            return 1;
        }
        Path file = def.file();
        boolean existed = Files.exists(file);
        if (existed && !noStart) {
            runAll(def.stopCommands(), false);
        }
        Files.createDirectories(file.getParent());
        if (def instanceof LaunchdAgent agent) {
            Files.createDirectories(agent.logFile().getParent());
        }
        Files.writeString(file, def.render(args == null ? List.of() : args), StandardCharsets.UTF_8);
        out().println((existed ? "Replaced " : "Wrote ") + file);
        out().println("It runs: " + env.launcher() + (args == null || args.isEmpty() ? "" : " " + String.join(" ", args)));
        if (noStart) {
            out().println("Not started (--no-start). To start it: " + commandLine(def.startCommands()));
            out().flush();
            return 0;
        }
        boolean ok = runAll(def.startCommands(), true);
        if (ok) {
            out().println("AgentGraph now runs in the background and starts at login.");
        } else {
            err().println("The file is written but the service did not start. Fix the problem above, then run: "
                    + commandLine(def.startCommands()));
        }
        out().println(def.logHint());
        out().flush();
        return ok ? 0 : 1;
    }

    @Command(name = "uninstall", mixinStandardHelpOptions = true, description = "Stop the service and remove its unit (or agent) file.")
    int uninstall(@Option(names = {"--no-stop", "--no-start"}, description = "Only remove the file; do not stop or unload it.")
                  boolean noStop) throws IOException, InterruptedException {
        ServiceDefinition def = definition();
        if (def == null) {
            return 1;
        }
        Path file = def.file();
        if (!Files.exists(file)) {
            out().println("Nothing to uninstall: " + file + " does not exist.");
            out().flush();
            return 0;
        }
        boolean ok = noStop || runAll(def.stopCommands(), true);
        Files.delete(file);
        out().println("Removed " + file);
        if (!noStop) {
            ok &= runAll(def.afterRemoveCommands(), true);
        }
        out().flush();
        return ok ? 0 : 1;
    }

    private ServiceDefinition definition() {
        if (env.installation() == null) {
            err().println("agentgraph service: the installation folder is unknown (system property agentgraph.home);"
                    + " run this through bin/agentgraph.");
            return null;
        }
        if (Home.inBuildFolder(env.installation())) {
            err().println("agentgraph service: " + Home.buildFolderAdvice(env.installation()));
            return null;
        }
        return switch (env.os()) {
            case LINUX -> new SystemdUserUnit(env);
            case MACOS -> new LaunchdAgent(env);
            case OTHER -> {
                err().println("agentgraph service: only Linux (systemd) and macOS (launchd) are supported;"
                        + " see docs/operations.md to run bin/agentgraph another way.");
                yield null;
            }
        };
    }

    /** Runs commands in order, saying what ran; with {@code report}, failures are errors, else ignored. */
    private boolean runAll(List<List<String>> commands, boolean report) throws InterruptedException {
        for (List<String> command : commands) {
            CommandRunner.Result r = runner.run(command);
            if (r.ok()) {
                out().println("Ran: " + String.join(" ", command));
            } else if (report) {
                err().println("Failed: " + String.join(" ", command) + " (" + r.detail() + ")");
                return false;
            }
        }
        return true;
    }

    private static String commandLine(List<List<String>> commands) {
        return String.join(" && ", commands.stream().map(c -> String.join(" ", c.stream()
                .map(w -> w.contains(" ") ? "'" + w + "'" : w).toList())).toList());
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
