package dev.agentgraph.installer;

import com.google.gson.JsonObject;
import dev.agentgraph.api.AgentGraphHook;
import dev.agentgraph.api.HookInstaller;
import dev.agentgraph.api.RuntimeIntegration;
import dev.agentgraph.api.SettingsShapeException;
import dev.agentgraph.runtime.config.Home;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code agentgraph install}: copies this installation to a stable place,
 * {@code $XDG_DATA_HOME/agentgraph} (else {@code ~/.local/share/agentgraph}), and links
 * {@code ~/.local/bin/agentgraph} to its start script, so that hooks and the service point at a
 * folder no build replaces. Run again to upgrade: the folder is replaced as a whole (a copy beside
 * it, then two renames), except what the user put there: a changed
 * {@code conf/agentgraph.properties} and plugin jars that are not AgentGraph's own.
 */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = "Copy this installation to ~/.local/share/agentgraph and link ~/.local/bin/agentgraph to it.")
public final class InstallCommand implements Callable<Integer> {

    private static final String CONF = "conf/agentgraph.properties";
    private static final String OWN_PLUGIN_PREFIX = "agentgraph-plugin-";

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Where to install (default $XDG_DATA_HOME/agentgraph, else ~/.local/share/agentgraph).")
    Path dir;

    @Option(names = "--bin-dir", paramLabel = "DIR", description = "Where to put the agentgraph link (default ~/.local/bin).")
    Path binDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path from = Home.dir().map(p -> p.toAbsolutePath().normalize()).orElse(null);
        if (from == null || !Files.isRegularFile(from.resolve("bin/agentgraph"))) {
            err.println("agentgraph install: the installation folder is unknown; run this through bin/agentgraph"
                    + " of an unpacked AgentGraph (see agentgraph install --help)");
            err.flush();
            return HooksCommand.FAILURE;
        }
        Path to = (dir != null ? dir : defaultDir()).toAbsolutePath().normalize();
        Path bin = (binDir != null ? binDir : Home.user().resolve(".local/bin")).toAbsolutePath().normalize();
        Path link = bin.resolve("agentgraph");
        try {
            if (Files.exists(link, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(link)) {
                throw new FileAlreadyExistsException(link + " exists and is not a link; move it away or pass --bin-dir");
            }
            if (!from.equals(to) && (to.startsWith(from) || from.startsWith(to))) {
                throw new IOException("cannot install " + from + " into " + to + ", one inside the other; pass another --dir");
            }
            if (sameFolder(from, to)) {
                out.println("AgentGraph is already installed in " + to + "; nothing copied");
            } else {
                List<String> kept = copy(from, to);
                out.println("installed AgentGraph from " + from + " to " + to);
                kept.forEach(k -> out.println("  kept " + k));
            }
            link(link, to.resolve("bin/agentgraph"));
            out.println("linked " + link + " -> " + to.resolve("bin/agentgraph"));
            if (!onPath(bin)) {
                out.println(bin + " is not on PATH: add it (export PATH=\"" + bin + ":$PATH\" in your shell profile),"
                        + " or run " + link + " by its full path");
            }
            staleHooks(to).ifPresent(out::println);
            out.println("Next: " + link + " hooks install --agent NAME (again, if the hooks were installed from another"
                    + " folder), then restart the agent.");
            out.flush();
            return HooksCommand.OK;
        } catch (IOException e) {
            err.println("agentgraph install: " + e.getMessage());
            err.flush();
            return HooksCommand.FAILURE;
        }
    }

    /**
     * A warning when the user's hooks (of any runtime integration of the new installation) run
     * a hook script outside it (a build folder).
     */
    private static Optional<String> staleHooks(Path installed) {
        try (Integrations found = Integrations.load(installed.resolve("plugins"))) {
            for (RuntimeIntegration runtime : found.all()) {
                Path settings = runtime.installer().settingsFile(HookInstaller.Scope.USER, Home.user(), Path.of(""));
                if (settings == null || !Files.exists(settings)) {
                    continue;
                }
                try {
                    for (List<JsonObject> hooks : runtime.installer().registered(SettingsFile.open(settings).parse()).values()) {
                        for (JsonObject h : hooks) {
                            String command = AgentGraphHook.string(h, "command");
                            if (command != null && command.contains(AgentGraphHook.SCRIPT_NAME)
                                    && !command.contains(installed.toString())) {
                                return Optional.of("Your hooks in " + settings + " still run " + command
                                        + ": reinstall them from here (below).");
                            }
                        }
                    }
                } catch (SettingsException | SettingsShapeException e) {
                    return Optional.of(e.getMessage());
                }
            }
        }
        return Optional.empty();
    }

    static Path defaultDir() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path data = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg) : Home.user().resolve(".local/share");
        return data.resolve("agentgraph");
    }

    /** Copies {@code from} into a fresh folder beside {@code to}, then swaps it in. Returns what it kept. */
    private static List<String> copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Path fresh = Files.createTempDirectory(to.getParent(), "." + to.getFileName() + ".new-");
        List<String> kept = new ArrayList<>();
        try {
            copyTree(from, fresh);
            if (Files.isDirectory(to)) {
                keepUsersFiles(to, fresh, kept);
                Path old = to.resolveSibling("." + to.getFileName() + ".old-" + ProcessHandle.current().pid());
                Files.move(to, old);
                Files.move(fresh, to);
                deleteTree(old);
            } else {
                Files.move(fresh, to);
            }
            return kept;
        } finally {
            if (Files.exists(fresh)) {
                deleteTree(fresh);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path rel = from.relativize(p);
                // The class-data archive is tied to the jars of the folder it was recorded in.
                if (rel.getNameCount() == 2 && rel.startsWith("lib") && rel.getFileName().toString().endsWith(".jsa")) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }

    /** The user's configuration and the plugins they dropped in survive an upgrade. */
    private static void keepUsersFiles(Path installed, Path fresh, List<String> kept) throws IOException {
        Path conf = installed.resolve(CONF);
        if (Files.isRegularFile(conf) && !Arrays.equals(Files.readAllBytes(conf), Files.readAllBytes(fresh.resolve(CONF)))) {
            Files.move(fresh.resolve(CONF), fresh.resolve(CONF + ".new"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(conf, fresh.resolve(CONF), StandardCopyOption.COPY_ATTRIBUTES);
            kept.add(CONF + " (yours; this version's default is " + CONF + ".new)");
        }
        Path plugins = installed.resolve("plugins");
        if (Files.isDirectory(plugins)) {
            try (Stream<Path> jars = Files.list(plugins)) {
                for (Path jar : jars.toList()) {
                    String name = jar.getFileName().toString();
                    Path target = fresh.resolve("plugins").resolve(name);
                    if (!name.startsWith(OWN_PLUGIN_PREFIX) && !Files.exists(target)) {
                        Files.copy(jar, target, StandardCopyOption.COPY_ATTRIBUTES);
                        kept.add("plugins/" + name);
                    }
                }
            }
        }
    }

    /** Points {@code link} at {@code target}, replacing an older link (a real file was refused before). */
    private static void link(Path link, Path target) throws IOException {
        Files.createDirectories(link.getParent());
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target);
    }

    private static boolean sameFolder(Path a, Path b) throws IOException {
        return Files.isDirectory(b) && Files.isSameFile(a, b);
    }

    private static boolean onPath(Path bin) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator)).filter(s -> !s.isEmpty())
                .anyMatch(s -> Path.of(s).toAbsolutePath().normalize().equals(bin));
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
