package dev.agentgraph.runtime.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A subcommand contributed through ServiceLoader, as the installer's {@code hooks} is. */
public final class GreetCommandProvider implements CommandProvider {

    @Override
    public String name() {
        return "greet";
    }

    @Override
    public Object command() {
        return new Greet();
    }

    @Command(name = "greet", description = "Says hello.")
    static final class Greet implements Callable<Integer> {
        @Parameters(defaultValue = "world")
        String who;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println("hello " + who);
            return 7;
        }
    }
}
