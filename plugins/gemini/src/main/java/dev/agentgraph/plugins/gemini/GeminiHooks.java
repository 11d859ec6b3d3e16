package dev.agentgraph.plugins.gemini;

import com.google.gson.JsonObject;
import dev.agentgraph.api.HookHandler;
import dev.agentgraph.api.MatcherGroupHooks;
import java.nio.file.Path;
import java.util.List;

/**
 * Gemini CLI's hook settings (see {@code RUNTIMES.md}): the {@code hooks} member of
 * {@code ~/.gemini/settings.json} and of a project's {@code .gemini/settings.json} (one project
 * file); matcher groups of command hooks, each named, {@code timeout} in milliseconds.
 */
final class GeminiHooks extends MatcherGroupHooks {

    /**
     * The events the decoder reads, in the order of a session's life. The model events
     * ({@code BeforeModel}, {@code AfterModel}, {@code BeforeToolSelection}) are left out: they
     * fire on every model call and would cost a process each for no meaning of their own.
     */
    static final List<String> EVENTS = List.of("SessionStart", "BeforeAgent", "BeforeTool", "AfterTool",
            "Notification", "PreCompress", "AfterAgent", "SessionEnd");

    /** The name Gemini shows for the hook. */
    private static final String HOOK_NAME = "agentgraph";

    @Override
    public Path settingsFile(Scope scope, Path userHome, Path project) {
        return switch (scope) {
            case USER -> userHome.resolve(".gemini").resolve("settings.json");
            case PROJECT, PROJECT_SHARED -> project.resolve(".gemini").resolve("settings.json");
        };
    }

    @Override
    public List<String> events() {
        return EVENTS;
    }

    /** 10 s, in Gemini's milliseconds: the hook takes a few, curl at most 5 s. */
    @Override
    protected JsonObject hookFor(String event, HookHandler handler) {
        JsonObject h = new JsonObject();
        h.addProperty("name", HOOK_NAME);
        commandHook(handler.command(), 10_000).entrySet().forEach(m -> h.add(m.getKey(), m.getValue()));
        return h;
    }

    @Override
    public String restartHint() {
        return "Restart Gemini CLI (quit every running session and start it again): it reads settings.json at startup.";
    }
}
