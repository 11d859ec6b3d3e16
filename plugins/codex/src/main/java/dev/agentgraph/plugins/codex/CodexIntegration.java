package dev.agentgraph.plugins.codex;

import dev.agentgraph.api.HookInstaller;
import dev.agentgraph.api.RuntimeIntegration;
import org.pf4j.Extension;

/** OpenAI Codex CLI as a runtime integration: {@code agentgraph hooks install --agent codex}. */
@Extension
public final class CodexIntegration implements RuntimeIntegration {

    /** The runtime's name: the hook's mark, the ingest path, the sessions' {@code runtime}. */
    static final String NAME = "codex";

    /** Its synchronous PreToolUse hook denies with the decision's JSON, and its payloads carry agent_id. */
    @Override
    public boolean blocksToolCalls() {
        return true;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "Codex CLI";
    }

    @Override
    public HookInstaller installer() {
        return new CodexHooks();
    }
}
