package dev.agentgraph.installer;

import com.google.gson.JsonObject;
import dev.agentgraph.api.AgentGraphHook;
import dev.agentgraph.api.ConfigException;
import dev.agentgraph.api.HookHandler;
import dev.agentgraph.api.HookInstaller;
import dev.agentgraph.api.RuntimeIntegration;
import dev.agentgraph.api.SettingsShapeException;
import dev.agentgraph.runtime.config.CoreConfig;
import dev.agentgraph.runtime.config.Home;
import dev.agentgraph.runtime.config.SettingsLoader;
import dev.agentgraph.runtime.config.Values;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code agentgraph hooks install|uninstall|print --agent NAME}: AgentGraph's hooks in an agent
 * runtime's settings. The runtime is a {@link RuntimeIntegration} found in the plugins (or on the
 * class path); this command reads and writes the file (comments and layout kept, one backup, a
 * malformed file left alone) and the integration edits its parsed JSON.
 */
@Command(name = "hooks", mixinStandardHelpOptions = true,
        description = "Install or remove AgentGraph's hooks in an agent runtime's settings (--agent NAME).",
        subcommands = {HooksCommand.Install.class, HooksCommand.Uninstall.class, HooksCommand.Print.class})
public final class HooksCommand implements Callable<Integer> {

    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return USAGE;
    }

    /** Which settings file: the user's or the project's. */
    enum Scope { user, project }

    /** How the runtime hands events over: through the sh hook and the event file, or by HTTP. */
    enum Mode { file, http }

    /** The server a default install posts to. */
    static final String DEFAULT_SERVER = "http://127.0.0.1:" + CoreConfig.DEFAULT_PORT;

    /** Which runtime, and where its integration is found. */
    static final class Agent {
        @Option(names = "--agent", paramLabel = "NAME",
                description = "The agent runtime, by its integration's name (the ones installed are listed when it is wrong); "
                        + "may be left out when only one is installed.")
        String name;

        @Option(names = "--plugins", paramLabel = "DIR",
                description = "Where the runtime integrations are (plugins.dir, default: this installation's plugins/).")
        Path plugins;

        @Spec(Spec.Target.MIXEE)
        CommandSpec command;

        /** The integration asked for; a usage error naming the installed ones otherwise. */
        RuntimeIntegration pick(Integrations found) {
            List<String> names = found.names();
            if (name == null) {
                if (names.size() == 1) {
                    return found.named(names.get(0)).orElseThrow();
                }
                throw new ParameterException(command.commandLine(), names.isEmpty()
                        ? "no runtime integration is installed (no plugin in " + pluginsDir() + " has one)"
                        : "which agent? --agent " + String.join("|", names));
            }
            return found.named(name).orElseThrow(() -> new ParameterException(command.commandLine(),
                    "no runtime integration named " + name + (names.isEmpty() ? "" : "; installed: " + String.join(", ", names))));
        }

        Path pluginsDir() {
            if (plugins != null) {
                return plugins;
            }
            return configured().map(CoreConfig::pluginsDir).orElse(Home.resolve("plugins"));
        }
    }

    /** The configuration file and the environment, as the server reads them; empty when they are wrong. */
    static Optional<CoreConfig> configured() {
        try {
            return Optional.of(CoreConfig.from(SettingsLoader.load(null, System.getenv(), Map.of())));
        } catch (ConfigException e) {
            return Optional.empty();
        }
    }

    /** Where the settings file is. */
    static final class Target {
        @Option(names = "--scope", defaultValue = "user", paramLabel = "user|project",
                description = "user: the user's settings (default); project: this folder's personal settings, "
                        + "not committed (--shared for the ones a team commits).")
        Scope scope;

        @Option(names = "--shared", description = "With --scope project: the settings a team commits.")
        boolean shared;

        @Option(names = "--settings", paramLabel = "FILE", description = "This settings file instead.")
        Path settings;

        @Spec(Spec.Target.MIXEE)
        CommandSpec command;

        Path file(RuntimeIntegration runtime) {
            if (shared && scope != Scope.project) {
                throw new ParameterException(command.commandLine(), "--shared goes with --scope project");
            }
            if (settings != null) {
                return settings;
            }
            HookInstaller.Scope s = scope == Scope.user ? HookInstaller.Scope.USER
                    : shared ? HookInstaller.Scope.PROJECT_SHARED : HookInstaller.Scope.PROJECT;
            Path file = runtime.installer().settingsFile(s, Home.user(), Path.of(""));
            if (file == null) {
                throw new ParameterException(command.commandLine(), runtime.displayName() + " has no "
                        + (s == HookInstaller.Scope.USER ? "user" : s == HookInstaller.Scope.PROJECT ? "personal project" : "shared project")
                        + " settings file" + (s == HookInstaller.Scope.PROJECT ? "; try --shared" : ""));
            }
            return file;
        }
    }

    /** What to register. */
    static final class Registration {
        @Option(names = "--mode", defaultValue = "file", paramLabel = "file|http",
                description = "file: run the sh hook, which appends to the event file (default); "
                        + "http: each event is posted to the running server.")
        Mode mode;

        @Option(names = "--events", paramLabel = "FILE",
                description = "The event file the hook appends to (default: events.file of the configuration, "
                        + CoreConfig.DEFAULT_EVENTS_FILE + " unless set).")
        Path events;

        @Option(names = "--url", paramLabel = "URL",
                description = "With --mode http: where the hooks post (default " + DEFAULT_SERVER + "/ingest/<agent>).")
        String url;

        @Option(names = "--token-env", paramLabel = "VAR",
                description = "With --mode http and server.token set: each post sends Authorization: Bearer $VAR, "
                        + "taken by the agent from its environment (the token is not written to its settings).")
        String tokenEnv;

        @Option(names = "--host-name", paramLabel = "NAME",
                description = "With --mode http: the machine name sent as X-AgentGraph-Host (default: uname -n).")
        String hostName;

        @Option(names = "--control",
                description = "Let the page stop this runtime's agents and hold its sessions (the server runs with --control):"
                        + " PreToolUse's hook runs in the foreground and prints the user's deny decision (docs/control.md).")
        boolean control;

        @Option(names = "--hook", paramLabel = "PATH",
                description = "The hook script (default: hooks/agentgraph-hook.sh of this installation).")
        Path hook;

        @Spec(Spec.Target.MIXEE)
        CommandSpec command;

        /** A combination of options that cannot work: a usage error, pointing to the command's help. */
        private ParameterException usage(String message) {
            return new ParameterException(command.commandLine(), message);
        }

        HookHandler handler(RuntimeIntegration runtime) throws SettingsException {
            if (control && !runtime.blocksToolCalls()) {
                throw usage("--control: " + runtime.displayName() + "'s hooks cannot deny a tool call of a given agent,"
                        + " so the page offers no Stop or Hold for its sessions; install without --control");
            }
            return switch (mode) {
                case http -> {
                    String u = url == null ? DEFAULT_SERVER + AgentGraphHook.ingestPath(runtime.name()) : url;
                    if (!u.startsWith("http://") && !u.startsWith("https://")) {
                        throw usage("--url must be an http:// or https:// URL, not " + u);
                    }
                    if (tokenEnv != null && !isVariableName(tokenEnv)) {
                        throw usage("--token-env must name an environment variable, not " + tokenEnv);
                    }
                    if (hostName != null && !HostName.valid(hostName)) {
                        throw usage("--host-name takes letters, digits, '.', '-' and '_' only, not " + hostName);
                    }
                    if (events != null || hook != null) {
                        throw usage((events != null ? "--events" : "--hook")
                                + " goes with --mode file; http hooks post to --url");
                    }
                    yield HookHandlers.http(u, tokenEnv, hostName == null ? HostName.detect() : hostName, control);
                }
                case file -> {
                    for (String[] option : new String[][] {{"--url", url}, {"--token-env", tokenEnv}, {"--host-name", hostName}}) {
                        if (option[1] != null) {
                            throw usage(option[0] + " goes with --mode http; the file hook needs none");
                        }
                    }
                    yield HookHandlers.file(runtime.name(), script().toString(), eventsFile().toString(), control);
                }
            };
        }

        /** The event file the hooks write to: the one given, else the one the server reads. */
        private Path eventsFile() {
            Path file = events != null ? events
                    : configured().map(CoreConfig::eventsFile).orElse(Values.path(CoreConfig.EVENTS_FILE, CoreConfig.DEFAULT_EVENTS_FILE));
            return file.toAbsolutePath().normalize();
        }

        private Path script() throws SettingsException {
            Path p = hook;
            if (p == null) {
                p = Home.dir().orElseThrow(() -> new SettingsException("cannot tell where the hook script is: pass --hook PATH"))
                        .resolve("hooks").resolve(AgentGraphHook.SCRIPT_NAME);
            }
            p = p.toAbsolutePath().normalize();
            if (!Files.isRegularFile(p)) {
                throw new SettingsException("no hook script at " + p + ": pass --hook PATH");
            }
            return p;
        }

        /** Refuses a hook script in a build folder: the next build would break every hook. */
        void checkStable() throws SettingsException {
            if (mode == Mode.file) {
                Path p = script();
                if (Home.inBuildFolder(p)) {
                    throw new SettingsException(Home.buildFolderAdvice(p));
                }
            }
        }

        private static boolean isVariableName(String s) {
            if (s.isEmpty() || Character.isDigit(s.charAt(0))) {
                return false;
            }
            return s.chars().allMatch(c -> c == '_' || c < 128 && Character.isLetterOrDigit(c));
        }
    }

    /** {@code hooks install}. */
    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Merge AgentGraph's hooks into settings.json (idempotent; a backup is kept).")
    static final class Install implements Callable<Integer> {
        @Mixin
        Agent agent;
        @Mixin
        Target target;
        @Mixin
        Registration registration;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return run(spec, agent, runtime -> {
                HookInstaller installer = runtime.installer();
                HookHandler handler = registration.handler(runtime);
                registration.checkStable();
                SettingsFile file = SettingsFile.open(target.file(runtime));
                JsonObject settings = file.parse();
                JsonObject before = settings.deepCopy();
                guard(file, () -> installer.install(settings, handler));
                if (settings.equals(before) && file.exists()) {
                    return "AgentGraph hooks for " + runtime.displayName() + " already installed in " + file.path()
                            + "; nothing changed";
                }
                Path backup = file.write(settings);
                StringBuilder said = new StringBuilder("installed AgentGraph hooks for " + runtime.displayName() + " ("
                        + registration.mode + " mode, " + installer.events().size() + " events) in " + file.path()
                        + (backup == null ? "" : "; backup: " + backup));
                if (handler.mode() == HookHandler.Mode.HTTP) {
                    List<String> viaCurl = viaCurl(file, installer, settings);
                    if (!viaCurl.isEmpty()) {
                        said.append(System.lineSeparator())
                                .append(viaCurl.size() == installer.events().size() ? "every event" : String.join(", ", viaCurl))
                                .append(": a command hook that posts with curl, since ").append(runtime.displayName())
                                .append(" runs no http hook ").append(installer.acceptsHttp() ? "there" : "at all");
                        if (!HooksDoctor.onPath("curl")) {
                            said.append(" (curl is not on PATH here: install it, or those events are lost)");
                        }
                    }
                }
                if (handler.controlCommand() != null) {
                    said.append(System.lineSeparator()).append(CONTROL_NOTE);
                }
                said.append(System.lineSeparator()).append(installer.restartHint());
                return said.toString();
            });
        }
    }

    /** Said after {@code install --control}: what the synchronous hook costs, as measured (docs/performance.md). */
    static final String CONTROL_NOTE = "--control: PreToolUse's hook now runs in the foreground, so each tool call waits for it"
            + " (file mode: the sh hook, about 3 ms a call on a 2-core machine; http mode: the request it already made, and"
            + " 0.1 us of server work). Start the server with --control; a hook that finds no decision or cannot reach the server"
            + " lets the call run.";

    /** The events whose hook posts with curl rather than as an http hook. */
    private static List<String> viaCurl(SettingsFile file, HookInstaller installer, JsonObject settings) throws SettingsException {
        Map<String, List<JsonObject>> ours;
        try {
            ours = installer.registered(settings);
        } catch (SettingsShapeException e) {
            throw file.malformed(e.getMessage());
        }
        return ours.entrySet().stream().filter(e -> e.getValue().stream()
                .anyMatch(h -> String.valueOf(AgentGraphHook.string(h, "command")).startsWith("curl ")))
                .map(Map.Entry::getKey).toList();
    }

    /** {@code hooks uninstall}. */
    @Command(name = "uninstall", mixinStandardHelpOptions = true,
            description = "Remove exactly the hooks AgentGraph added (a backup is kept).")
    static final class Uninstall implements Callable<Integer> {
        @Mixin
        Agent agent;
        @Mixin
        Target target;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return run(spec, agent, runtime -> {
                SettingsFile file = SettingsFile.open(target.file(runtime));
                JsonObject settings = file.parse();
                JsonObject before = settings.deepCopy();
                guard(file, () -> runtime.installer().uninstall(settings));
                if (settings.equals(before)) {
                    return "no AgentGraph hooks in " + file.path() + "; nothing changed";
                }
                Path backup = file.write(settings);
                return "removed AgentGraph hooks from " + file.path() + (backup == null ? "" : "; backup: " + backup);
            });
        }
    }

    /** {@code hooks print}. */
    @Command(name = "print", mixinStandardHelpOptions = true,
            description = "Print the hooks section install would merge, without touching any file.")
    static final class Print implements Callable<Integer> {
        @Mixin
        Agent agent;
        @Mixin
        Registration registration;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return run(spec, agent, runtime -> {
                HookHandler handler = registration.handler(runtime);
                JsonObject printed;
                try {
                    printed = runtime.installer().print(handler);
                } catch (SettingsShapeException e) {
                    throw new SettingsException(e.getMessage());
                }
                return SettingsFile.render(printed).strip();
            });
        }
    }

    @FunctionalInterface
    interface Action {
        String run(RuntimeIntegration runtime) throws SettingsException;
    }

    @FunctionalInterface
    interface Change {
        void apply() throws SettingsShapeException;
    }

    /** A settings structure the integration cannot merge into counts as malformed: reported, file untouched. */
    static void guard(SettingsFile file, Change change) throws SettingsException {
        try {
            change.apply();
        } catch (SettingsShapeException e) {
            throw file.malformed(e.getMessage());
        }
    }

    /**
     * Runs an action on the integration asked for. Its own failure (an exception other than a
     * settings problem) is reported with its name, exit code 1, before any file is written.
     */
    static int run(CommandSpec spec, Agent agent, Action action) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Integrations found = Integrations.load(agent.pluginsDir())) {
            RuntimeIntegration runtime = agent.pick(found);
            try {
                out.println(action.run(runtime));
                out.flush();
                return OK;
            } catch (SettingsException e) {
                err.println("agentgraph hooks: " + e.getMessage());
                err.flush();
                return FAILURE;
            } catch (ParameterException e) {
                throw e; // a usage error: picocli says it, with the command's help
            } catch (RuntimeException | LinkageError e) {
                err.println("agentgraph hooks: the " + runtime.getClass().getName() + " integration failed: " + e);
                err.flush();
                return FAILURE;
            }
        }
    }
}
