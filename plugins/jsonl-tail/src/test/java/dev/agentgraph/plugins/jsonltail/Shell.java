package dev.agentgraph.plugins.jsonltail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code sh -c script} as a separate process, as a hook or log rotator would act on the file. */
final class Shell {

    private Shell() {
    }

    /** Runs the script with {@code args} as {@code $1…} and waits for it to succeed. */
    static void run(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", "-c", script, "sh"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("sh finished").isTrue();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.exitValue()).as("sh exit status; output: " + output).isZero();
    }
}
