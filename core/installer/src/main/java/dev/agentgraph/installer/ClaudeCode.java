package dev.agentgraph.installer;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Claude Code's hook facts (see {@code RUNTIMES.md}): settings files, events, hook types. */
final class ClaudeCode implements HookTarget {

    static final ClaudeCode INSTANCE = new ClaudeCode();

    /**
     * The hook events AgentGraph listens to: those the claude-code decoder gives a meaning of its
     * own (a session's model and folder, tools, sub-agents, teammates and their tasks, waiting for
     * permission, compacting, a failed turn), in the order of a session's life. The other events
     * would only be activity; each registered hook costs a process (file mode) or a request.
     */
    private static final List<String> EVENTS = List.of("SessionStart", "UserPromptSubmit", "PreToolUse",
            "PermissionRequest", "PermissionDenied", "PostToolUse", "PostToolUseFailure", "SubagentStart", "SubagentStop",
            "TaskCreated", "TaskCompleted", "TeammateIdle", "Notification", "Elicitation", "ElicitationResult",
            "PreCompact", "PostCompact", "PostModelSwitch", "CwdChanged", "Stop", "StopFailure", "SessionEnd");

    /** Claude Code runs only command (and mcp_tool) hooks for these. */
    private static final Set<String> NO_HTTP = Set.of("SessionStart", "Setup");

    private ClaudeCode() {
    }

    @Override
    public String displayName() {
        return "Claude Code";
    }

    @Override
    public Path userSettings(Path userHome) {
        return userHome.resolve(".claude").resolve("settings.json");
    }

    @Override
    public Path projectSettings(Path project, boolean shared) {
        return project.resolve(".claude").resolve(shared ? "settings.json" : "settings.local.json");
    }

    @Override
    public List<String> events() {
        return EVENTS;
    }

    @Override
    public boolean acceptsHttp(String event) {
        return !NO_HTTP.contains(event);
    }

    @Override
    public String lastEvent() {
        return "SessionEnd";
    }

    @Override
    public String restartHint() {
        return "Restart Claude Code (quit every running session and start it again): it reads its hooks at startup.";
    }
}
