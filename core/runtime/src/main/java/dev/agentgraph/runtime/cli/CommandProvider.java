package dev.agentgraph.runtime.cli;

/**
 * Adds a subcommand to {@code agentgraph}, such as {@code hooks} or {@code service}. Found with
 * {@link java.util.ServiceLoader} (a {@code META-INF/services/dev.agentgraph.runtime.cli.CommandProvider}
 * file), so a module on the class path extends the command line without the runtime knowing it.
 */
public interface CommandProvider {

    /** The subcommand's name, as typed: {@code hooks}. */
    String name();

    /** A new picocli command object (a class annotated with {@code @picocli.CommandLine.Command}). */
    Object command();
}
