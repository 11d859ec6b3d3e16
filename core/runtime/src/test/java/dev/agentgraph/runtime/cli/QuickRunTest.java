package dev.agentgraph.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The plain-run flags read without picocli mean exactly what picocli reads them as, or are left to it. */
class QuickRunTest {

    private static RunOptions picocli(String... args) {
        PrintWriter none = new PrintWriter(new StringWriter());
        CommandLine cli = Main.commandLine(none, none);
        cli.parseArgs(args);
        return ((Main) cli.getCommand()).options;
    }

    @Test
    void readsThePlainRunFlagsAsPicocliDoes() {
        for (List<String> args : List.<List<String>>of(List.of(), List.of("--port", "0"), List.of("--port=8300", "--host", "::1"),
                List.of("--events", "-", "--stdin"), List.of("--set", "a=1", "--set=b=2", "--set", "c="),
                List.of("--demo", "--plugins", "plugins", "--config", "/etc/ag.properties"),
                List.of("--replay", "f.jsonl", "--speed", "2.5"))) {
            String[] a = args.toArray(String[]::new);
            RunOptions quick = QuickRun.parse(a);
            RunOptions slow = picocli(a);
            assertThat(quick).as("%s", args).isNotNull();
            assertThat(quick.explicit()).as("%s", args).isEqualTo(slow.explicit());
            assertThat(quick.config).as("%s", args).isEqualTo(slow.config);
        }
    }

    @Test
    void leavesEverythingElseToPicocli() {
        for (List<String> args : List.<List<String>>of(List.of("run"), List.of("--help"), List.of("-h"), List.of("-V"),
                List.of("--port"), List.of("--port", "--host", "x"), List.of("--port", "1", "--port", "2"),
                List.of("--prot", "1"), List.of("--stdin=true"), List.of("plugins"), List.of("--port", "1", "doctor"),
                List.of("-port", "1"), List.of("--port", "1", "--"))) {
            assertThat(QuickRun.parse(args.toArray(String[]::new))).as("%s", args).isNull();
        }
    }

    @Test
    void knowsEveryOptionPicocliDeclaresAndSetsItsField() throws IllegalAccessException {
        List<String> declared = new ArrayList<>();
        for (Field f : RunOptions.class.getDeclaredFields()) {
            Option option = f.getAnnotation(Option.class);
            if (option == null) {
                continue;
            }
            for (String name : option.names()) {
                declared.add(name);
                RunOptions.Arity expected = f.getType() == boolean.class ? RunOptions.Arity.FLAG
                        : f.getType() == List.class ? RunOptions.Arity.REPEATED : RunOptions.Arity.VALUE;
                assertThat(RunOptions.arity(name)).as(name).isEqualTo(expected);
                RunOptions options = new RunOptions();
                options.set(name, "value");
                Object set = f.get(options);
                switch (expected) {
                    case FLAG -> assertThat(set).as(name).isEqualTo(true);
                    case REPEATED -> assertThat(set).as(name).isEqualTo(List.of("value"));
                    case VALUE -> assertThat(set).as(name).isEqualTo(f.getType() == Path.class ? Path.of("value") : "value");
                    default -> throw new AssertionError(expected);
                }
            }
        }
        assertThat(declared).hasSize(11);
        assertThat(RunOptions.arity("--prot")).isNull();
    }
}
