package dev.agentgraph.runtime.cli;

import dev.agentgraph.runtime.cli.RunOptions.Arity;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads the flags of a plain server run ({@code agentgraph --port 8201 --events F …}) without
 * picocli. Picocli's classes are Java 5 class files: the class-data archive cannot hold them and
 * the JVM verifies them with its slow old verifier, which with building the command model took
 * about half of the time from {@code bin/agentgraph} to {@code /health}. Anything but
 * {@code --name value}, {@code --name=value} and {@code --flag} of the options of
 * {@link RunOptions}, each once ({@code --set} repeated), is left to picocli ({@link #parse}
 * returns null), so help, errors and subcommands read exactly as before.
 */
final class QuickRun {

    private QuickRun() {
    }

    /** The options these arguments set, or null when picocli must read them. */
    static RunOptions parse(String[] args) {
        RunOptions options = new RunOptions();
        Set<String> seen = new HashSet<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                int eq = arg.indexOf('=');
                String name = eq > 0 ? arg.substring(0, eq) : arg;
                Arity arity = RunOptions.arity(name);
                if (arity == null || !seen.add(name) && arity != Arity.REPEATED) {
                    return null;
                }
                String value;
                if (arity == Arity.FLAG) {
                    if (eq > 0) {
                        return null;
                    }
                    value = null;
                } else if (eq > 0) {
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.length && isValue(args[i + 1])) {
                    value = args[++i];
                } else {
                    return null;
                }
                options.set(name, value);
            }
        } catch (RuntimeException e) {
            return null;
        }
        return options;
    }

    /** Whether picocli would take this argument as the value of the option before it. */
    private static boolean isValue(String next) {
        return RunOptions.arity(next) == null && !next.startsWith("-h") && !next.equals("--help")
                && !next.equals("--version") && !next.equals("--");
    }
}
