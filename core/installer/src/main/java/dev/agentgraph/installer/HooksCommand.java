package dev.agentgraph.installer;

import com.google.gson.JsonObject;
import dev.agentgraph.runtime.config.Home;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code agentgraph hooks install|uninstall|print}: AgentGraph's hooks in Claude Code's settings. */
@Command(name = "hooks", mixinStandardHelpOptions = true,
        description = "Install or remove AgentGraph's Claude Code hooks in its settings.",
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

    /** How Claude Code hands events over: through the sh hook and the event file, or by HTTP. */
    enum Mode { file, http }

    static final String DEFAULT_URL = "http://127.0.0.1:8201" + HookEntries.INGEST_PATH;

    /** The runtime whose hooks this command manages. */
    static HookTarget target() {
        return ClaudeCode.INSTANCE;
    }

    /** Where the settings file is. */
    static final class Target {
        @Option(names = "--scope", defaultValue = "user", paramLabel = "user|project",
                description = "user: ~/.claude/settings.json (default); project: .claude/settings.local.json here "
                        + "(personal, not committed; --shared for .claude/settings.json).")
        Scope scope;

        @Option(names = "--shared", description = "With --scope project: the settings.json a team commits, not settings.local.json.")
        boolean shared;

        @Option(names = "--settings", paramLabel = "FILE", description = "This settings file instead.")
        Path settings;

        @Spec(Spec.Target.MIXEE)
        CommandSpec command;

        Path file() {
            if (shared && scope != Scope.project) {
                throw new ParameterException(command.commandLine(), "--shared goes with --scope project");
            }
            if (settings != null) {
                return settings;
            }
            return switch (scope) {
                case user -> target().userSettings(Home.user());
                case project -> target().projectSettings(Path.of(""), shared);
            };
        }
    }

    /** What to register. */
    static final class Registration {
        @Option(names = "--mode", defaultValue = "file", paramLabel = "file|http",
                description = "file: run the sh hook, which appends to the event file (default); "
                        + "http: Claude Code posts each event to the running server.")
        Mode mode;

        @Option(names = "--events", paramLabel = "FILE",
                description = "The event file the hook appends to (default: the hook's own, ~/.claude/memory/agent-events.jsonl).")
        Path events;

        @Option(names = "--url", paramLabel = "URL",
                description = "With --mode http: where the hooks post (default " + DEFAULT_URL + ").")
        String url;

        @Option(names = "--token-env", paramLabel = "VAR",
                description = "With --mode http and server.token set: each post sends Authorization: Bearer $VAR, "
                        + "taken by Claude Code from its environment (the token is not written to settings.json).")
        String tokenEnv;

        @Option(names = "--host-name", paramLabel = "NAME",
                description = "With --mode http: the machine name sent as X-AgentGraph-Host (default: uname -n).")
        String hostName;

        @Option(names = "--hook", paramLabel = "PATH",
                description = "The hook script (default: hooks/agentgraph-hook.sh of this installation).")
        Path hook;

        @Spec(Spec.Target.MIXEE)
        CommandSpec command;

        /** A combination of options that cannot work: a usage error, pointing to the command's help. */
        private ParameterException usage(String message) {
            return new ParameterException(command.commandLine(), message);
        }

        HookEntries entries() throws SettingsException {
            return switch (mode) {
                case http -> {
                    String u = url == null ? DEFAULT_URL : url;
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
                    yield HookEntries.http(target(), u, tokenEnv, hostName == null ? HostName.detect() : hostName);
                }
                case file -> {
                    for (String[] option : new String[][] {{"--url", url}, {"--token-env", tokenEnv}, {"--host-name", hostName}}) {
                        if (option[1] != null) {
                            throw usage(option[0] + " goes with --mode http; the file hook needs none");
                        }
                    }
                    yield HookEntries.command(target(), script().toString(),
                            events == null ? null : events.toAbsolutePath().normalize().toString());
                }
            };
        }

        private Path script() throws SettingsException {
            Path p = hook;
            if (p == null) {
                p = Home.dir().orElseThrow(() -> new SettingsException("cannot tell where the hook script is: pass --hook PATH"))
                        .resolve("hooks").resolve(HookEntries.SCRIPT_NAME);
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
        Target target;
        @Mixin
        Registration registration;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return run(spec, () -> {
                HookEntries entries = registration.entries();
                registration.checkStable();
                SettingsFile file = SettingsFile.open(target.file());
                JsonObject settings = file.parse();
                JsonObject before = settings.deepCopy();
                guard(file, () -> entries.install(settings));
                if (settings.equals(before) && file.exists()) {
                    return "AgentGraph hooks already installed in " + file.path() + "; nothing changed";
                }
                Path backup = file.write(settings);
                StringBuilder said = new StringBuilder("installed AgentGraph hooks (" + registration.mode + " mode, "
                        + entries.events().size() + " events) in " + file.path()
                        + (backup == null ? "" : "; backup: " + backup));
                List<String> noHttp = entries.commandInsteadOfHttp();
                if (!noHttp.isEmpty()) {
                    said.append(System.lineSeparator()).append(String.join(", ", noHttp))
                            .append(": a command hook that posts with curl, since ").append(target().displayName())
                            .append(" runs no http hook there");
                    if (!ClaudeCodeDoctor.onPath("curl")) {
                        said.append(" (curl is not on PATH here: install it, or the session is known from its next event)");
                    }
                }
                said.append(System.lineSeparator()).append(target().restartHint());
                return said.toString();
            });
        }
    }

    /** {@code hooks uninstall}. */
    @Command(name = "uninstall", mixinStandardHelpOptions = true,
            description = "Remove exactly the hooks AgentGraph added (a backup is kept).")
    static final class Uninstall implements Callable<Integer> {
        @Mixin
        Target target;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return run(spec, () -> {
                SettingsFile file = SettingsFile.open(target.file());
                JsonObject settings = file.parse();
                JsonObject before = settings.deepCopy();
                guard(file, () -> HookEntries.uninstall(settings));
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
        Registration registration;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return run(spec, () -> {
                JsonObject wrapper = new JsonObject();
                wrapper.add("hooks", registration.entries().section());
                return SettingsFile.render(wrapper).strip();
            });
        }
    }

    @FunctionalInterface
    interface Action {
        String run() throws SettingsException;
    }

    @FunctionalInterface
    interface Change {
        void apply() throws SettingsException;
    }

    /** A settings structure we cannot merge into counts as malformed: reported, file untouched. */
    static void guard(SettingsFile file, Change change) throws SettingsException {
        try {
            change.apply();
        } catch (SettingsException e) {
            throw file.malformed(e.getMessage());
        }
    }

    static int run(CommandSpec spec, Action action) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            out.println(action.run());
            out.flush();
            return OK;
        } catch (SettingsException e) {
            err.println("agentgraph hooks: " + e.getMessage());
            err.flush();
            return FAILURE;
        }
    }
}
