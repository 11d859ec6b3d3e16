package dev.agentgraph.runtime.cli;

import dev.agentgraph.api.ConfigException;
import dev.agentgraph.runtime.StartupException;
import dev.agentgraph.runtime.Version;
import dev.agentgraph.server.StartupWarmUp;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code agentgraph} command. Without a subcommand it runs AgentGraph, taking the flags of
 * {@code run}. Subcommands: {@code run}, {@code plugins}, and any a {@link CommandProvider} on the
 * class path adds. A failure is reported as one line on stderr, with the exit code of
 * {@link ExitCodes}; never a stack trace.
 */
@Command(name = "agentgraph", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "A live browser view of coding agents and their sub-agents.",
        subcommands = {RunCommand.class, PluginsCommand.class, DoctorCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 failure, 2 bad usage or configuration, 3 port in use."})
public final class Main implements Callable<Integer> {

    @Mixin
    RunOptions options = new RunOptions();

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        StartupWarmUp.start();
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /**
     * Runs the command line with these streams and returns the exit code. A plain server run
     * ({@code agentgraph --port 8201 …}, the one whose start time counts) skips picocli
     * ({@link QuickRun}); everything else goes through the whole command tree.
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        RunOptions quick = QuickRun.parse(args);
        if (quick != null) {
            try {
                return RunCommand.run(quick, out);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return report(err, e);
            } catch (RuntimeException e) {
                return report(err, e);
            }
        }
        return commandLine(out, err).execute(args);
    }

    /** The whole command tree, with the subcommands of every {@link CommandProvider} on the class path. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        for (CommandProvider provider : ServiceLoader.load(CommandProvider.class)) {
            cli.addSubcommand(provider.name(), provider.command());
        }
        // `--plugins plugins` (the source tree's folder) must not be read as the `plugins` subcommand.
        cli.setAllowSubcommandsAsOptionParameters(true);
        cli.setOut(out);
        cli.setErr(err);
        helpEverywhere(cli);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(err, e));
        cli.setParameterExceptionHandler((e, args1) -> usageError(err, e));
        return cli;
    }

    /**
     * {@code -h/--help} and {@code -V/--version} on every subcommand a provider forgot them on.
     * Not on a subcommand that is a method: picocli would pass the added options to it as
     * arguments; such a command must declare them in its annotation.
     */
    private static void helpEverywhere(CommandLine cli) {
        for (CommandLine sub : cli.getSubcommands().values()) {
            if (!(sub.getCommandSpec().userObject() instanceof Method)
                    && !sub.getCommandSpec().mixins().containsKey("mixinStandardHelpOptions")) {
                sub.getCommandSpec().mixinStandardHelpOptions(true);
            }
            helpEverywhere(sub);
        }
    }

    /**
     * One line: which command, what is wrong, a "did you mean" for a mistyped option or command,
     * and the help of that very subcommand.
     */
    static int usageError(PrintWriter err, CommandLine.ParameterException e) {
        CommandLine where = e.getCommandLine();
        String name = where.getCommandSpec().qualifiedName();
        String what = e.getMessage();
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().get(0);
            boolean option = first.startsWith("-");
            what = (option ? "unknown option " : where.getSubcommands().isEmpty() ? "unexpected argument "
                    : "unknown command ") + "'" + first + "'";
            List<String> names = new ArrayList<>();
            if (option) {
                where.getCommandSpec().options().forEach(o -> {
                    if (!o.hidden()) {
                        names.addAll(List.of(o.names()));
                    }
                });
            } else {
                names.addAll(where.getSubcommands().keySet());
            }
            // --prot=8300 is a mistyped --port too.
            List<String> suggestions = Suggestions.closest(option && first.contains("=")
                    ? first.substring(0, first.indexOf('=')) : first, names);
            if (!suggestions.isEmpty()) {
                what += " (did you mean " + String.join(" or ", suggestions) + "?)";
            }
        }
        err.println(name + ": " + what.replace('\n', ' ') + "; see " + name + " --help");
        err.flush();
        return ExitCodes.USAGE;
    }

    @Override
    public Integer call() throws Exception {
        RunCommand run = new RunCommand();
        run.options = options;
        run.spec = spec;
        return run.call();
    }

    /** One line for the user, and the exit code that goes with it. */
    static int report(PrintWriter err, Exception e) {
        int code;
        String line;
        if (e instanceof ConfigException c) {
            code = ExitCodes.USAGE;
            line = "configuration error: " + c.getMessage();
        } else if (e instanceof StartupException s) {
            code = s.portInUse() ? ExitCodes.PORT_IN_USE : ExitCodes.FAILURE;
            line = s.getMessage();
        } else {
            code = ExitCodes.FAILURE;
            line = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        err.println("agentgraph: " + line.replace('\n', ' '));
        err.flush();
        return code;
    }

    /** {@code agentgraph 0.1.0 (Java 17…)}. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"agentgraph " + Version.get() + " (Java " + System.getProperty("java.version") + ")"};
        }
    }
}
