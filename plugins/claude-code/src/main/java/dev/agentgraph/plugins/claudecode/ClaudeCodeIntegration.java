package dev.agentgraph.plugins.claudecode;

import dev.agentgraph.api.HookInstaller;
import dev.agentgraph.api.RuntimeIntegration;
import org.pf4j.Extension;

/** Claude Code as a runtime integration: {@code agentgraph hooks install --agent claude-code}. */
@Extension
public final class ClaudeCodeIntegration implements RuntimeIntegration {

    /** Its synchronous PreToolUse hook denies with the decision's JSON, and its payloads carry agent_id. */
    @Override
    public boolean blocksToolCalls() {
        return true;
    }

    @Override
    public String name() {
        return CanonicalEvents.RUNTIME;
    }

    @Override
    public String displayName() {
        return "Claude Code";
    }

    @Override
    public HookInstaller installer() {
        return new ClaudeCodeHooks();
    }
}
