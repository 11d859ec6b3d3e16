package dev.agentgraph.installer;

import dev.agentgraph.runtime.cli.CommandProvider;

/** Adds {@code agentgraph hooks} to the command line. */
public final class HooksCommandProvider implements CommandProvider {

    @Override
    public String name() {
        return "hooks";
    }

    @Override
    public Object command() {
        return new HooksCommand();
    }
}
