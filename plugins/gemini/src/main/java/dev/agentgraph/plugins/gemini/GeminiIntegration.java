package dev.agentgraph.plugins.gemini;

import dev.agentgraph.api.HookInstaller;
import dev.agentgraph.api.RuntimeIntegration;
import org.pf4j.Extension;

/** Google Gemini CLI as a runtime integration: {@code agentgraph hooks install --agent gemini}. */
@Extension
public final class GeminiIntegration implements RuntimeIntegration {

    /** The runtime's name: the hook's mark, the ingest path, the sessions' {@code runtime}. */
    static final String NAME = "gemini";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "Gemini CLI";
    }

    @Override
    public HookInstaller installer() {
        return new GeminiHooks();
    }
}
