package dev.agentgraph.installer;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.agentgraph.api.AgentGraphHook;
import dev.agentgraph.api.HookHandler;
import dev.agentgraph.api.HookInstaller;
import dev.agentgraph.api.RuntimeIntegration;
import dev.agentgraph.api.SettingsShapeException;
import dev.agentgraph.runtime.config.CoreConfig;
import dev.agentgraph.runtime.config.Home;
import dev.agentgraph.runtime.config.Values;
import dev.agentgraph.runtime.doctor.DoctorCheck;
import dev.agentgraph.runtime.doctor.DoctorContext;
import dev.agentgraph.runtime.doctor.Finding;
import dev.agentgraph.runtime.doctor.Http;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code agentgraph doctor}'s lines for one runtime integration: where its hooks are registered,
 * whether every event has one, whether the hook script exists and runs (run by sh on a test
 * payload into a temporary file, never the user's), whether the hooks write to the file the
 * server reads, for http hooks whether their server answers and their token variable is set;
 * then the integration's own checks.
 */
final class HooksDoctor implements DoctorCheck {

    private static final String TEST_SESSION = "agentgraph-doctor-test";

    private final RuntimeIntegration runtime;
    private final String heading;

    HooksDoctor(RuntimeIntegration runtime) {
        this.runtime = runtime;
        this.heading = runtime.displayName();
    }

    @Override
    public String runtime() {
        return heading;
    }

    /** Whether any settings file of the runtime holds an AgentGraph hook (a malformed one counts: it is worth a line). */
    boolean used(DoctorContext context) {
        HookInstaller installer = runtime.installer();
        for (HookInstaller.Scope scope : HookInstaller.Scope.values()) {
            Path file = installer.settingsFile(scope, context.userHome(), context.workingDir());
            if (file != null && Files.exists(file)) {
                try {
                    if (!installer.registered(SettingsFile.open(file).parse()).isEmpty()) {
                        return true;
                    }
                } catch (SettingsException | SettingsShapeException e) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public Result check(DoctorContext context) {
        HookInstaller installer = runtime.installer();
        String install = "agentgraph hooks install --agent " + runtime.name();
        String restart = "restart " + runtime.displayName();
        List<Finding> findings = new ArrayList<>();
        Map<Path, Map<String, List<JsonObject>>> registered = new LinkedHashMap<>();
        List<Path> looked = new ArrayList<>();
        for (HookInstaller.Scope scope : HookInstaller.Scope.values()) {
            Path file = installer.settingsFile(scope, context.userHome(), context.workingDir());
            if (file == null || looked.contains(file)) {
                continue;
            }
            looked.add(file);
            if (!Files.exists(file)) {
                continue;
            }
            try {
                SettingsFile settings = SettingsFile.open(file);
                JsonObject parsed = settings.parse();
                Map<String, List<JsonObject>> ours;
                try {
                    ours = installer.registered(parsed);
                } catch (SettingsShapeException e) {
                    throw settings.malformed(e.getMessage());
                }
                if (!ours.isEmpty()) {
                    registered.put(file, ours);
                }
            } catch (SettingsException e) {
                findings.add(Finding.problem(e.getMessage(), "fix the JSON at that line, then run doctor again"));
            }
        }
        if (registered.isEmpty()) {
            findings.add(Finding.problem("no AgentGraph hooks in " + join(looked),
                    install + " (if you use " + runtime.displayName() + "), then " + restart));
            return new Result(findings, false);
        }
        if (registered.size() > 1) {
            findings.add(Finding.problem("AgentGraph hooks are registered in " + join(List.copyOf(registered.keySet()))
                    + ": " + runtime.displayName() + " runs them all, so every event arrives more than once",
                    "keep one: agentgraph hooks uninstall --agent " + runtime.name() + " --settings FILE for the others"));
        }
        Map.Entry<Path, Map<String, List<JsonObject>>> first = registered.entrySet().iterator().next();
        Map<String, List<JsonObject>> hooks = first.getValue();
        List<String> missing = installer.events().stream().filter(e -> !hooks.containsKey(e)).toList();
        boolean http = hooks.values().stream().flatMap(List::stream).anyMatch(h -> "http".equals(AgentGraphHook.string(h, "type"))
                || String.valueOf(AgentGraphHook.string(h, "command")).startsWith("curl "));
        if (missing.isEmpty()) {
            findings.add(Finding.ok("hooks registered in " + first.getKey() + " (" + (http ? "http" : "file") + " mode, "
                    + installer.events().size() + " events)"));
        } else {
            findings.add(Finding.problem("the hooks in " + first.getKey() + " miss " + String.join(", ", missing),
                    install + " (again), then " + restart));
        }
        if ("1".equals(System.getenv("AGENTGRAPH_HOOK_BYPASS"))) {
            findings.add(Finding.problem("AGENTGRAPH_HOOK_BYPASS=1 is set here: a " + runtime.displayName()
                    + " started from this shell writes no event", "unset AGENTGRAPH_HOOK_BYPASS, then " + restart));
        }
        if (http) {
            httpChecks(context, hooks, findings);
        } else {
            fileChecks(context, hooks, findings);
        }
        boolean decides = hooks.getOrDefault(HookHandler.CONTROL_EVENT, List.of()).stream()
                .map(h -> String.valueOf(AgentGraphHook.string(h, "command")))
                .anyMatch(c -> c.contains(AgentGraphHook.CONTROL_ENV + "=1") || c.contains(HookHandlers.UNREACHABLE));
        if (decides && !context.config().control()) {
            findings.add(Finding.problem(HookHandler.CONTROL_EVENT + "'s hook waits for control decisions (--control), but"
                    + " the server's configuration has no server.control: nothing is ever denied, and each tool call waits"
                    + " for the hook for nothing", "start agentgraph with --control, or " + install + " without --control"));
        }
        // Claude Code's http hooks are synchronous already; a command hook must be installed to decide.
        boolean answeredByHttp = hooks.getOrDefault(HookHandler.CONTROL_EVENT, List.of()).stream()
                .anyMatch(h -> "http".equals(AgentGraphHook.string(h, "type")));
        if (!decides && !answeredByHttp && context.config().control() && runtime.blocksToolCalls()) {
            findings.add(Finding.problem("the server's configuration turns control on (server.control), but "
                    + HookHandler.CONTROL_EVENT + "'s hook does not ask for decisions: Stop and Hold on the page deny nothing"
                    + " for " + runtime.displayName(), install + " --control, then " + restart));
        }
        for (RuntimeIntegration.CheckLine line : runtime.check(context.userHome(), context.workingDir())) {
            findings.add(new Finding(line.ok(), line.text(), line.fix()));
        }
        return new Result(findings, !http);
    }

    private void fileChecks(DoctorContext context, Map<String, List<JsonObject>> hooks, List<Finding> findings) {
        String install = "agentgraph hooks install --agent " + runtime.name();
        Optional<String> command = hooks.values().stream().flatMap(List::stream)
                .map(h -> AgentGraphHook.string(h, "command")).filter(c -> c != null && c.contains(AgentGraphHook.SCRIPT_NAME))
                .findFirst();
        if (command.isEmpty()) {
            findings.add(Finding.problem("no hook runs " + AgentGraphHook.SCRIPT_NAME, install));
            return;
        }
        List<String> words = ShellWords.split(command.get());
        String eventsVar = AgentGraphHook.EVENTS_ENV + "=";
        Path events = Values.path(CoreConfig.EVENTS_FILE, CoreConfig.DEFAULT_EVENTS_FILE);
        Path script = null;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.startsWith(eventsVar)) {
                events = Path.of(w.substring(eventsVar.length()));
            } else if (w.endsWith(AgentGraphHook.SCRIPT_NAME)) {
                script = Path.of(w);
            }
        }
        if (script == null) {
            findings.add(Finding.problem("cannot read the hook command " + command.get(), install));
            return;
        }
        if (!Files.isRegularFile(script)) {
            findings.add(Finding.problem("the hook script " + script + " does not exist (a moved or rebuilt installation?)",
                    "agentgraph install, then ~/.local/bin/" + install + ", then restart " + runtime.displayName()));
        } else if (Home.inBuildFolder(script)) {
            findings.add(Finding.problem("the hook script " + script + " is in a build folder: the next build breaks it",
                    "agentgraph install, then ~/.local/bin/" + install + ", then restart " + runtime.displayName()));
        } else {
            findings.add(testRun(script));
        }
        Path served = context.config().eventsFile().toAbsolutePath().normalize();
        if (events.toAbsolutePath().normalize().equals(served)) {
            findings.add(Finding.ok("the hooks write to " + served + ", the file AgentGraph reads"));
        } else {
            findings.add(Finding.problem("the hooks write to " + events + " but AgentGraph reads " + served,
                    install + " --events " + served + " (or start agentgraph --events " + events + ")"));
        }
    }

    /** Runs the hook as the runtime would, on a test payload, into a temporary event file. */
    static Finding testRun(Path script) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("agentgraph-doctor");
            Path events = dir.resolve("events.jsonl");
            ProcessBuilder pb = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().remove("AGENTGRAPH_HOOK_BYPASS");
            pb.environment().put("AGENTGRAPH_EVENTS", events.toString());
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(("{\"session_id\":\"" + TEST_SESSION + "\",\"hook_event_name\":\"Notification\",\"cwd\":\"/\","
                        + "\"message\":\"agentgraph doctor\"}\n").getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Finding.problem("the hook script " + script + " did not finish in 10 s",
                        "check the script; reinstall with agentgraph install");
            }
            String written = Files.exists(events) ? Files.readString(events, StandardCharsets.UTF_8) : "";
            if (p.exitValue() == 0 && written.contains(TEST_SESSION) && written.contains("agentgraph_received")) {
                return Finding.ok("the hook script " + script + " runs (a test event went to a temporary file, not yours)");
            }
            return Finding.problem("the hook script " + script + " ran (exit " + p.exitValue() + ") but wrote no event",
                    "run it by hand: echo '{}' | AGENTGRAPH_EVENTS=/tmp/t.jsonl sh " + script + "; reinstall with agentgraph install");
        } catch (IOException e) {
            return Finding.problem("cannot run the hook script " + script + ": " + e.getMessage(), "is sh on PATH?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Finding.problem("interrupted while running the hook script", "run doctor again");
        } finally {
            deleteQuietly(dir);
        }
    }

    private void httpChecks(DoctorContext context, Map<String, List<JsonObject>> hooks, List<Finding> findings) {
        String install = "agentgraph hooks install --agent " + runtime.name();
        JsonObject hook = hooks.values().stream().flatMap(List::stream)
                .filter(h -> "http".equals(AgentGraphHook.string(h, "type"))).findFirst().orElse(null);
        String curl = hooks.values().stream().flatMap(List::stream).map(h -> AgentGraphHook.string(h, "command"))
                .filter(c -> c != null && c.startsWith("curl ")).findFirst().orElse("");
        List<String> curlWords = ShellWords.split(curl);
        int data = curlWords.indexOf("@-");
        String url = hook != null ? AgentGraphHook.string(hook, "url")
                : data >= 0 && data + 1 < curlWords.size() ? curlWords.get(data + 1) : "";
        URI health = healthOf(url);
        Http.Answer answer = health == null ? null : Http.get(health, Optional.empty());
        if (answer != null && answer.answered() && answer.status() == 200) {
            findings.add(Finding.ok("the hooks post to " + url + ", where AgentGraph answers"));
        } else {
            findings.add(Finding.problem("the hooks post to " + url + ", where no AgentGraph answers"
                    + (answer == null ? "" : " (" + (answer.answered() ? "status " + answer.status() : answer.failure()) + ")"),
                    "start agentgraph there, or " + install + " --mode http --url URL of the running one"));
        }
        String tokenVar = null;
        JsonElement allowed = hook == null ? null : hook.get("allowedEnvVars");
        if (allowed != null && allowed.isJsonArray() && !allowed.getAsJsonArray().isEmpty()) {
            tokenVar = allowed.getAsJsonArray().get(0).getAsString();
        } else {
            for (String w : curlWords) {
                if (w.startsWith("Authorization: Bearer ${") && w.endsWith("}")) {
                    tokenVar = w.substring("Authorization: Bearer ${".length(), w.length() - 1);
                }
            }
        }
        if (tokenVar != null) {
            String value = System.getenv(tokenVar);
            if (value == null || value.isEmpty()) {
                findings.add(Finding.problem("the hooks send the token from $" + tokenVar + ", which is not set here",
                        "export " + tokenVar + "=<the server's token> in the shell that starts " + runtime.displayName() + ", then restart it"));
            } else {
                findings.add(Finding.ok("$" + tokenVar + " is set, so the hooks send a token"));
            }
        } else if (context.config().token() != null) {
            findings.add(Finding.problem("the server has a token but the hooks send none: it refuses every post",
                    install + " --mode http --token-env VAR, and export VAR=<token> before starting " + runtime.displayName()));
        }
        boolean curlHook = hooks.values().stream().flatMap(List::stream)
                .anyMatch(h -> String.valueOf(AgentGraphHook.string(h, "command")).startsWith("curl "));
        if (curlHook && !onPath("curl")) {
            findings.add(Finding.problem("some hooks post with curl, which is not on PATH",
                    "install curl; until then a session is known from its next event"));
        }
    }

    private static URI healthOf(String url) {
        try {
            URI u = URI.create(url);
            return u.getScheme() == null || u.getRawAuthority() == null ? null
                    : URI.create(u.getScheme() + "://" + u.getRawAuthority() + "/health");
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether a program of that name is on PATH, as the shell an agent starts would find it. */
    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(java.io.File.pathSeparator))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, program)));
    }

    private static String join(List<Path> paths) {
        return String.join(", ", paths.stream().map(Path::toString).toList());
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary folder left behind is harmless.
        }
    }
}
