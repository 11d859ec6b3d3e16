package dev.agentgraph.installer;

import dev.agentgraph.runtime.cli.CommandProvider;

/** Adds {@code agentgraph install} to the command line. */
public final class InstallCommandProvider implements CommandProvider {

    @Override
    public String name() {
        return "install";
    }

    @Override
    public Object command() {
        return new InstallCommand();
    }
}
