package dev.agentgraph.runtime.cli;

import dev.agentgraph.api.ConfigException;
import dev.agentgraph.runtime.config.CoreConfig;
import dev.agentgraph.runtime.config.Home;
import dev.agentgraph.runtime.doctor.Doctor;
import dev.agentgraph.runtime.doctor.DoctorContext;
import dev.agentgraph.runtime.doctor.Finding;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code agentgraph doctor}: what to run when the graph stays empty. Checks the event file, the
 * server on the configured port and each runtime's hooks, one line each, ✔ or ✘ with the fix.
 * Exit code 0 only when every line is ✔, else 1. Takes the same flags as {@code run}, so that
 * it looks at the set-up the server uses.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check the hooks, the event file and the server; say what to fix.")
public final class DoctorCommand implements Callable<Integer> {

    @Mixin
    RunOptions options = new RunOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        boolean unicode = Charset.defaultCharset().newEncoder().canEncode("✔✘");
        String ok = unicode ? "✔" : "ok";
        String bad = unicode ? "✘" : "NO";
        CoreConfig config;
        try {
            config = CoreConfig.from(options.settings());
        } catch (ConfigException e) {
            out.println(Doctor.CORE);
            out.println("  " + bad + " configuration: " + e.getMessage());
            out.println("      fix: correct it (the flag, the environment variable or the configuration file), then run doctor again");
            out.flush();
            return ExitCodes.FAILURE;
        }
        Map<String, List<Finding>> findings = Doctor.run(
                new DoctorContext(config, Home.user(), Path.of("").toAbsolutePath()), Clock.systemUTC());
        int problems = 0;
        for (Map.Entry<String, List<Finding>> section : findings.entrySet()) {
            out.println(section.getKey());
            for (Finding f : section.getValue()) {
                out.println("  " + (f.ok() ? ok : bad) + " " + f.text());
                if (!f.ok()) {
                    problems++;
                    out.println("      fix: " + f.fix());
                }
            }
        }
        out.println(problems == 0 ? "All is well." : problems + (problems == 1 ? " problem" : " problems") + " to fix.");
        out.flush();
        return problems == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
