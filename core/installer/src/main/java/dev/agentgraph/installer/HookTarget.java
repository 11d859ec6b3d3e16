package dev.agentgraph.installer;

import java.nio.file.Path;
import java.util.List;

/**
 * What the hooks installer needs to know of one agent runtime: where its settings live, which
 * hook events to register and which of them take an http hook. Claude Code ({@link ClaudeCode})
 * is the only one now; each runtime's facts stay behind this, so that they can move into that
 * runtime's own plugin.
 */
interface HookTarget {

    /** The runtime's name as users know it: {@code Claude Code}. */
    String displayName();

    /** The user's own settings file. */
    Path userSettings(Path userHome);

    /**
     * A project's settings file: the personal one (not committed) unless {@code shared}, the one
     * a team commits. Absolute local paths belong in the personal one.
     */
    Path projectSettings(Path project, boolean shared);

    /** Every settings file a hook of this runtime may be registered in, for {@code doctor}. */
    default List<Path> allSettings(Path userHome, Path project) {
        return List.of(userSettings(userHome), projectSettings(project, false), projectSettings(project, true));
    }

    /** The hook events AgentGraph registers, in the order written. */
    List<String> events();

    /** Whether the runtime runs an {@code http} hook for this event. */
    boolean acceptsHttp(String event);

    /** The event after which the runtime exits, whose command hook must not run in the background. */
    String lastEvent();

    /** How to make a running agent load new hooks. */
    String restartHint();
}
