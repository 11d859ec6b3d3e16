package dev.agentgraph.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

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
}
