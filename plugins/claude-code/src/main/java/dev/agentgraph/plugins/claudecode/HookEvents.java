package dev.agentgraph.plugins.claudecode;

import java.util.Set;

/**
 * The hook events Claude Code fires (31 in 2026). The decoder gives most of them a meaning of
 * their own; every one, and any future one, is at least activity of its session. Only a name
 * not in this list counts as {@code unknown_hooks}: how schema drift shows up.
 */
final class HookEvents {

    static final Set<String> KNOWN = Set.of(
            // session and turn
            "SessionStart", "Setup", "UserPromptSubmit", "UserPromptExpansion", "Stop", "StopFailure", "SessionEnd",
            // tools
            "PreToolUse", "PermissionRequest", "PermissionDenied", "PostToolUse", "PostToolUseFailure",
            "PostToolBatch",
            // display
            "Notification", "MessageDisplay",
            // agents and teams
            "SubagentStart", "SubagentStop", "TaskCreated", "TaskCompleted", "TeammateIdle",
            // context and files
            "InstructionsLoaded", "ConfigChange", "CwdChanged", "DirectoryAdded", "FileChanged", "WorktreeCreate",
            "WorktreeRemove", "PreCompact", "PostCompact", "PreModelSwitch", "PostModelSwitch",
            // MCP
            "Elicitation", "ElicitationResult");

    /** Events that make an agent wait for the user rather than act. */
    static final Set<String> WAITS = Set.of("PermissionRequest", "Elicitation", "Notification");

    private HookEvents() {
    }
}
