package dev.agentgraph.api;

import java.nio.file.Path;
import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * One agent runtime (Claude Code, Codex CLI, Gemini CLI, a third party's) as AgentGraph knows it
 * outside the pipeline: how its hooks are installed and checked. Its decoder is an ordinary
 * {@link ReducerFactory} of the same plugin. Found by PF4J ({@code @Extension}) in every plugin
 * of the plugins directory and on the class path, by {@code agentgraph hooks … --agent <name>}
 * and by {@code agentgraph doctor}; the core holds no runtime's knowledge.
 *
 * <p>A {@link RuntimeException} (or {@link LinkageError}) thrown by any method is the
 * integration's fault, never AgentGraph's: {@code agentgraph hooks} stops with exit code 1 and a
 * line naming the integration and the error, touching no file; {@code agentgraph doctor} shows it
 * as one problem line under the integration's heading and runs the other checks.
 */
public interface RuntimeIntegration extends ExtensionPoint {

    /**
     * The runtime's name: lower-case letters, digits and {@code -} ({@code claude-code},
     * {@code codex}). It is the {@code --agent} value, the {@code /ingest/<name>} path, the
     * {@link HookLine#RUNTIME} mark the hook writes on each line, and the canonical
     * {@link Canonical#RUNTIME} of its sessions. Unique among installed integrations: a second
     * one of the same name is ignored with a warning. Must be constant.
     */
    String name();

    /** The runtime's name as users know it, for messages: {@code Codex CLI}. */
    String displayName();

    /**
     * Whether this runtime's synchronous {@code PreToolUse} hook can deny a tool call with
     * {@link Controls.Denial#hookAnswer()} and names the agent making it ({@code agent_id}), so
     * that the page may offer to stop its agents and hold its sessions ({@code docs/control.md}).
     * Claude Code and Codex CLI can; Gemini CLI's payloads name no agent, so it does not.
     */
    default boolean blocksToolCalls() {
        return false;
    }

    /** How AgentGraph's hooks are put into (and taken out of) this runtime's settings files. */
    HookInstaller installer();

    /**
     * Checks of this runtime's own for {@code agentgraph doctor}, beyond the ones AgentGraph runs
     * for every integration (hooks registered, the hook script runs, hooks and server agree on
     * the event file or URL). Must finish in bounded time (a few seconds) and must not change any
     * file.
     *
     * @param userHome the user's home, where user settings live
     * @param project the folder doctor runs in, where project settings live
     */
    default List<CheckLine> check(Path userHome, Path project) {
        return List.of();
    }

    /**
     * One line of {@code agentgraph doctor}.
     *
     * @param fix what to do, null when {@code ok}
     */
    record CheckLine(boolean ok, String text, String fix) {

        public static CheckLine ok(String text) {
            return new CheckLine(true, text, null);
        }

        public static CheckLine problem(String text, String fix) {
            return new CheckLine(false, text, fix);
        }
    }
}
