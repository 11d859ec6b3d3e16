package dev.agentgraph.api;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A runtime's hook settings: which file, which events, and how AgentGraph's entries are merged
 * into its parsed JSON and taken out again. AgentGraph itself reads and writes the file (keeping
 * the user's comments, indentation and every byte outside the changed member, one backup, a
 * malformed file reported and left alone); an installer only edits the parsed object it is
 * given. {@link MatcherGroupHooks} implements the shape Claude Code, Codex CLI and Gemini CLI
 * share.
 *
 * <p>A {@link SettingsShapeException} means the file's structure is not what the runtime reads
 * (a {@code hooks} that is not an object): the command reports the file as malformed, with the
 * message, and writes nothing. Any other exception is the integration's fault: the command stops
 * with exit code 1, naming the integration, and writes nothing.
 */
public interface HookInstaller {

    /** Which settings file a hook goes in. */
    enum Scope {
        /** The user's own settings. */
        USER,
        /** A project's personal settings, not committed (where there is such a file). */
        PROJECT,
        /** A project's settings that a team commits. */
        PROJECT_SHARED
    }

    /**
     * The settings file of a scope, or null when the runtime has none for it (AgentGraph then
     * refuses that scope, naming the ones it has).
     *
     * @param userHome the user's home
     * @param project the project's folder
     */
    Path settingsFile(Scope scope, Path userHome, Path project);

    /** The hook events AgentGraph registers, in the order written. */
    List<String> events();

    /**
     * Whether the runtime runs http hooks itself. When it does not, {@code --mode http}
     * registers command hooks that post with curl ({@link HookHandler#command()}).
     */
    default boolean acceptsHttp() {
        return false;
    }

    /**
     * Merges AgentGraph's hooks into {@code settings}: removes any earlier AgentGraph entry
     * first (so that installing twice changes nothing), adds one for each of {@link #events()},
     * and leaves everything else as it was, in its order.
     */
    void install(JsonObject settings, HookHandler handler) throws SettingsShapeException;

    /** Removes exactly AgentGraph's entries, and what they leave empty; nothing else. */
    void uninstall(JsonObject settings) throws SettingsShapeException;

    /** AgentGraph's hook objects in {@code settings}, by event, in file order; empty when none. */
    Map<String, List<JsonObject>> registered(JsonObject settings) throws SettingsShapeException;

    /** What {@code install} would add to an empty file, for {@code agentgraph hooks print}. */
    default JsonObject print(HookHandler handler) throws SettingsShapeException {
        JsonObject settings = new JsonObject();
        install(settings, handler);
        return settings;
    }

    /** How to make a running agent load new hooks, said after a change. */
    String restartHint();
}
