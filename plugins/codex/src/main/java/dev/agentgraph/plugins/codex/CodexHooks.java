package dev.agentgraph.plugins.codex;

import com.google.gson.JsonObject;
import dev.agentgraph.api.HookHandler;
import dev.agentgraph.api.MatcherGroupHooks;
import java.nio.file.Path;
import java.util.List;

/**
 * Codex CLI's hook files (see {@code RUNTIMES.md}): {@code ~/.codex/hooks.json} for the user and
 * {@code <repo>/.codex/hooks.json} for a project (Codex has one project file, personal or
 * committed alike); the matcher-group shape of Claude Code, command hooks only, timeouts in
 * seconds. Codex has no {@code SessionEnd}.
 */
final class CodexHooks extends MatcherGroupHooks {

    /** Every hook event Codex fires, in the order of a session's life: the decoder reads them all. */
    static final List<String> EVENTS = List.of("SessionStart", "UserPromptSubmit", "PreToolUse", "PermissionRequest",
            "PostToolUse", "SubagentStart", "SubagentStop", "PreCompact", "PostCompact", "Stop", "StopFailure");

    @Override
    public Path settingsFile(Scope scope, Path userHome, Path project) {
        return switch (scope) {
            case USER -> userHome.resolve(".codex").resolve("hooks.json");
            case PROJECT, PROJECT_SHARED -> project.resolve(".codex").resolve("hooks.json");
        };
    }

    @Override
    public List<String> events() {
        return EVENTS;
    }

    /**
     * The hook (a few milliseconds) or curl (at most 5 s) well within 10 s. Codex waits for every
     * command hook, so with {@code --control} only PreToolUse's command changes: it prints the
     * decision, which Codex reads in Claude Code's format ({@code hookSpecificOutput}).
     */
    @Override
    protected JsonObject hookFor(String event, HookHandler handler) {
        return commandHook(handler.commandFor(event), 10);
    }

    @Override
    public String restartHint() {
        return "Restart Codex (quit every running session and start it again): it reads hooks.json at startup.";
    }
}
