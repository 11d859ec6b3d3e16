package dev.agentgraph.service;

import dev.agentgraph.runtime.cli.CommandProvider;

/** Adds {@code agentgraph service} to the command line (found with ServiceLoader). */
public final class ServiceCommandProvider implements CommandProvider {

    @Override
    public String name() {
        return "service";
    }

    @Override
    public Object command() {
        return new ServiceCommand();
    }
}
