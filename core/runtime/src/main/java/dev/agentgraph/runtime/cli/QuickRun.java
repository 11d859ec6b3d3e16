package dev.agentgraph.runtime.cli;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * Reads the flags of a plain server run ({@code agentgraph --port 8201 --events F …}) without
 * picocli, from the same {@link Option} declarations of {@link RunOptions}. Picocli's classes are
 * Java 5 class files: the class-data archive cannot hold them and the JVM verifies them with its
 * slow old verifier, which with building the command model took about half of the time from
 * {@code bin/agentgraph} to {@code /health}. Anything but {@code --name value},
 * {@code --name=value} and {@code --flag} of those options, each once ({@code --set} repeated),
 * is left to picocli ({@link #parse} returns null), so help, errors and subcommands read exactly
 * as before.
 */
final class QuickRun {

    private QuickRun() {
    }

    /** The options these arguments set, or null when picocli must read them. */
    static RunOptions parse(String[] args) {
        Map<String, Field> byName = new HashMap<>();
        for (Field f : RunOptions.class.getDeclaredFields()) {
            Option option = f.getAnnotation(Option.class);
            if (option != null) {
                for (String name : option.names()) {
                    byName.put(name, f);
                }
            }
        }
        RunOptions options = new RunOptions();
        Set<Field> seen = new HashSet<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                int eq = arg.indexOf('=');
                Field f = byName.get(eq > 0 ? arg.substring(0, eq) : arg);
                if (f == null || !arg.startsWith("--") || !seen.add(f) && f.getType() != List.class) {
                    return null;
                }
                if (f.getType() == boolean.class) {
                    if (eq > 0) {
                        return null;
                    }
                    f.setBoolean(options, true);
                    continue;
                }
                String value;
                if (eq > 0) {
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.length && !byName.containsKey(args[i + 1]) && !args[i + 1].startsWith("-h")
                        && !args[i + 1].equals("--help") && !args[i + 1].equals("--version") && !args[i + 1].equals("--")) {
                    value = args[++i];
                } else {
                    return null;
                }
                set(options, f, value);
            }
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
        return options;
    }

    @SuppressWarnings("unchecked")
    private static void set(RunOptions options, Field f, String value) throws IllegalAccessException {
        if (f.getType() == String.class) {
            f.set(options, value);
        } else if (f.getType() == Path.class) {
            f.set(options, Path.of(value));
        } else if (f.getType() == List.class) {
            ((List<String>) f.get(options)).add(value);
        } else {
            throw new IllegalStateException("QuickRun does not read " + f.getType() + " options");
        }
    }
}
