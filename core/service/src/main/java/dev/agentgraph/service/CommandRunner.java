package dev.agentgraph.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a service manager command (systemctl, launchctl) with a time limit and reports how it went. */
class CommandRunner {

    private static final long TIMEOUT_SECONDS = 30;

    /** Whether the command succeeded, and its output (or why it could not run) when it did not. */
    record Result(boolean ok, String detail) {
    }

    Result run(List<String> command) throws InterruptedException {
        Path output = null;
        try {
            output = Files.createTempFile("agentgraph-service", ".out");
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullDevice())).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(false, "timed out after " + TIMEOUT_SECONDS + " s");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8).strip();
            return p.exitValue() == 0 ? new Result(true, text)
                    : new Result(false, "exit " + p.exitValue() + (text.isEmpty() ? "" : ": " + text));
        } catch (IOException e) {
            return new Result(false, "could not run " + command.get(0) + ": " + e.getMessage());
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // A leftover temp file is harmless.
                }
            }
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
    }
}
