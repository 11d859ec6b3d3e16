package dev.agentgraph.hooks;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs the real hook script under a real shell, the way Claude Code does: payload on stdin. */
final class Hook {

    /** The script under test, at the module root. */
    static final Path SCRIPT = Path.of("agentgraph-hook.sh").toAbsolutePath();

    /** A shell to run it with. */
    enum Shell {
        DASH("dash"), BUSYBOX("busybox", "sh"), BASH_POSIX("bash", "--posix");

        final List<String> command;

        Shell(String... command) {
            this.command = List.of(command);
        }

        boolean installed() {
            String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
            for (String dir : path.split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, command.get(0)))) {
                    return true;
                }
            }
            return false;
        }

        void assumeInstalled() {
            Assumptions.assumeTrue(installed(), command.get(0) + " is not installed: skipping the hook under it");
        }
    }

    /** What one run did. */
    record Result(int exit, String out, String err, long millis) {
    }

    private Hook() {
    }

    static ProcessBuilder builder(Shell shell, Map<String, String> env) {
        List<String> cmd = new ArrayList<>(shell.command);
        cmd.add(SCRIPT.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("AGENTGRAPH_"));
        pb.environment().putAll(env);
        return pb;
    }

    /** Runs the hook with {@code payload} written to its stdin through a pipe. */
    static Result run(Shell shell, Map<String, String> env, byte[] payload) {
        long start = System.nanoTime();
        try {
            Process p = builder(shell, env).start();
            Thread feeder = new Thread(() -> {
                try (OutputStream in = p.getOutputStream()) {
                    in.write(payload);
                } catch (IOException e) {
                    // the hook may leave without reading everything (bypass)
                }
            });
            feeder.start();
            byte[] out;
            byte[] err;
            try (InputStream o = p.getInputStream(); InputStream e = p.getErrorStream()) {
                out = o.readAllBytes();
                err = e.readAllBytes();
            }
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the hook did not finish within 30 s");
            }
            feeder.join();
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8), (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Result run(Shell shell, Path events, String payload) {
        return run(shell, Map.of("AGENTGRAPH_EVENTS", events.toString()), payload.getBytes(StandardCharsets.UTF_8));
    }
}
