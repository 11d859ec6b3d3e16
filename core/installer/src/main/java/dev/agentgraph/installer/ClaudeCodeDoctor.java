package dev.agentgraph.installer;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.agentgraph.runtime.config.Home;
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
 * {@code agentgraph doctor}'s Claude Code lines: where the hooks are registered, whether every
 * event has one, whether the hook script exists and runs (run by sh on a test payload into a
 * temporary file, never the user's), whether the hooks write to the file the server reads, and
 * for http hooks whether their server answers and their token variable is set.
 */
public final class ClaudeCodeDoctor implements DoctorCheck {

    private static final String TEST_SESSION = "agentgraph-doctor-test";
    private static final HookTarget TARGET = ClaudeCode.INSTANCE;

    @Override
    public String runtime() {
        return TARGET.displayName();
    }

    @Override
    public Result check(DoctorContext context) {
        List<Finding> findings = new ArrayList<>();
        Map<Path, Map<String, List<JsonObject>>> registered = new LinkedHashMap<>();
        List<Path> looked = new ArrayList<>();
        for (Path file : TARGET.allSettings(context.userHome(), context.workingDir())) {
            looked.add(file);
            if (!Files.exists(file)) {
                continue;
            }
            try {
                Map<String, List<JsonObject>> ours = HookEntries.ours(SettingsFile.open(file).parse());
                if (!ours.isEmpty()) {
                    registered.put(file, ours);
                }
            } catch (SettingsException e) {
                findings.add(Finding.problem(e.getMessage(), "fix the JSON at that line, then run doctor again"));
            }
        }
        if (registered.isEmpty()) {
            findings.add(Finding.problem("no AgentGraph hooks in " + join(looked),
                    "agentgraph hooks install, then restart Claude Code"));
            return new Result(findings, true);
        }
        if (registered.size() > 1) {
            findings.add(Finding.problem("AgentGraph hooks are registered in " + join(List.copyOf(registered.keySet()))
                    + ": Claude Code runs them all, so every event arrives more than once",
                    "keep one: agentgraph hooks uninstall --settings FILE for the others"));
        }
        Map.Entry<Path, Map<String, List<JsonObject>>> first = registered.entrySet().iterator().next();
        Map<String, List<JsonObject>> hooks = first.getValue();
        List<String> missing = TARGET.events().stream().filter(e -> !hooks.containsKey(e)).toList();
        boolean http = hooks.values().stream().flatMap(List::stream).anyMatch(h -> "http".equals(HookEntries.string(h, "type")));
        if (missing.isEmpty()) {
            findings.add(Finding.ok("hooks registered in " + first.getKey() + " (" + (http ? "http" : "file") + " mode, "
                    + TARGET.events().size() + " events)"));
        } else {
            findings.add(Finding.problem("the hooks in " + first.getKey() + " miss " + String.join(", ", missing),
                    "agentgraph hooks install (again), then restart Claude Code"));
        }
        if ("1".equals(System.getenv("AGENTGRAPH_HOOK_BYPASS"))) {
            findings.add(Finding.problem("AGENTGRAPH_HOOK_BYPASS=1 is set here: a Claude Code started from this shell"
                    + " writes no event", "unset AGENTGRAPH_HOOK_BYPASS, then restart Claude Code"));
        }
        if (http) {
            httpChecks(context, hooks, findings);
        } else {
            fileChecks(context, hooks, findings);
        }
        return new Result(findings, !http);
    }

    private static void fileChecks(DoctorContext context, Map<String, List<JsonObject>> hooks, List<Finding> findings) {
        Optional<String> command = hooks.values().stream().flatMap(List::stream)
                .map(h -> HookEntries.string(h, "command")).filter(c -> c != null && c.contains(HookEntries.SCRIPT_NAME))
                .findFirst();
        if (command.isEmpty()) {
            findings.add(Finding.problem("no hook runs " + HookEntries.SCRIPT_NAME, "agentgraph hooks install"));
            return;
        }
        List<String> words = ShellWords.split(command.get());
        Path events = context.userHome().resolve(".claude/memory/agent-events.jsonl");
        Path script = null;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.startsWith("AGENTGRAPH_EVENTS=")) {
                events = Path.of(w.substring("AGENTGRAPH_EVENTS=".length()));
            } else if (w.endsWith(HookEntries.SCRIPT_NAME)) {
                script = Path.of(w);
            }
        }
        if (script == null) {
            findings.add(Finding.problem("cannot read the hook command " + command.get(), "agentgraph hooks install"));
            return;
        }
        if (!Files.isRegularFile(script)) {
            findings.add(Finding.problem("the hook script " + script + " does not exist (a moved or rebuilt installation?)",
                    "agentgraph install, then ~/.local/bin/agentgraph hooks install, then restart Claude Code"));
        } else if (Home.inBuildFolder(script)) {
            findings.add(Finding.problem("the hook script " + script + " is in a build folder: the next build breaks it",
                    "agentgraph install, then ~/.local/bin/agentgraph hooks install, then restart Claude Code"));
        } else {
            findings.add(testRun(script));
        }
        Path served = context.config().eventsFile().toAbsolutePath().normalize();
        if (events.toAbsolutePath().normalize().equals(served)) {
            findings.add(Finding.ok("the hooks write to " + served + ", the file AgentGraph reads"));
        } else {
            findings.add(Finding.problem("the hooks write to " + events + " but AgentGraph reads " + served,
                    "agentgraph hooks install --events " + served + " (or start agentgraph --events " + events + ")"));
        }
    }

    /** Runs the hook as Claude Code would, on a test payload, into a temporary event file. */
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

    private static void httpChecks(DoctorContext context, Map<String, List<JsonObject>> hooks, List<Finding> findings) {
        JsonObject hook = hooks.values().stream().flatMap(List::stream)
                .filter(h -> "http".equals(HookEntries.string(h, "type"))).findFirst().orElseThrow();
        String url = HookEntries.string(hook, "url");
        URI health = healthOf(url);
        Http.Answer answer = health == null ? null : Http.get(health, Optional.empty());
        if (answer != null && answer.answered() && answer.status() == 200) {
            findings.add(Finding.ok("the hooks post to " + url + ", where AgentGraph answers"));
        } else {
            findings.add(Finding.problem("the hooks post to " + url + ", where no AgentGraph answers"
                    + (answer == null ? "" : " (" + (answer.answered() ? "status " + answer.status() : answer.failure()) + ")"),
                    "start agentgraph there, or agentgraph hooks install --mode http --url URL of the running one"));
        }
        String tokenVar = null;
        JsonElement allowed = hook.get("allowedEnvVars");
        if (allowed != null && allowed.isJsonArray() && !allowed.getAsJsonArray().isEmpty()) {
            tokenVar = allowed.getAsJsonArray().get(0).getAsString();
        }
        if (tokenVar != null) {
            String value = System.getenv(tokenVar);
            if (value == null || value.isEmpty()) {
                findings.add(Finding.problem("the hooks send the token from $" + tokenVar + ", which is not set here",
                        "export " + tokenVar + "=<the server's token> in the shell that starts Claude Code, then restart it"));
            } else {
                findings.add(Finding.ok("$" + tokenVar + " is set, so the hooks send a token"));
            }
        } else if (context.config().token() != null) {
            findings.add(Finding.problem("the server has a token but the hooks send none: it refuses every post",
                    "agentgraph hooks install --mode http --token-env VAR, and export VAR=<token> before starting Claude Code"));
        }
        boolean curlHook = hooks.values().stream().flatMap(List::stream)
                .anyMatch(h -> String.valueOf(HookEntries.string(h, "command")).startsWith("curl "));
        if (curlHook && !onPath("curl")) {
            findings.add(Finding.problem("SessionStart posts with curl, which is not on PATH",
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

    /** Whether a program of that name is on PATH, as the shell Claude Code starts would find it. */
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
