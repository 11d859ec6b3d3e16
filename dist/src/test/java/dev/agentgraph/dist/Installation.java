package dev.agentgraph.dist;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** An unpacked distribution and the processes started from it, as a user would run them. */
final class Installation {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final Path home;
    final Path userHome;
    final Path workDir;
    private final List<Server> started = new ArrayList<>();

    Installation(Path home, Path userHome, Path workDir) {
        this.home = home;
        this.userHome = userHome;
        this.workDir = workDir;
    }

    /** A finished command: exit code and everything it printed. */
    record Result(int exit, String output) {
    }

    /** A started {@code bin/agentgraph}, its output going to a file; close() kills it if still running. */
    final class Server implements AutoCloseable {
        final Process process;
        final Path log;
        final int port;

        Server(Process process, Path log, int port) {
            this.process = process;
            this.log = log;
            this.port = port;
        }

        URI http(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        URI ws(String path) {
            return URI.create("ws://127.0.0.1:" + port + path);
        }

        String output() throws IOException {
            return Files.readString(log, StandardCharsets.UTF_8);
        }

        /** SIGTERM (bin/agentgraph execs java, so this reaches the JVM) and the exit code. */
        int terminate() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("did not stop within 20 s of SIGTERM");
            }
            return process.exitValue();
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    /** Kills whatever a failed test left running. */
    void killAll() {
        started.forEach(Server::close);
    }

    Server start(String... args) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/agentgraph").toString(), "--port", String.valueOf(port)));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(workDir, "agentgraph", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        environment(pb.environment());
        Server server = new Server(pb.start(), log, port);
        started.add(server);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!server.process.isAlive()) {
                throw new AssertionError("bin/agentgraph exited with " + server.process.exitValue() + ":\n" + server.output());
            }
            return status(server.http("/health")) == 200;
        });
        return server;
    }

    /** Runs bin/agentgraph (or another command) to completion. */
    Result run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "run", ".out");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile());
        environment(pb.environment());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 60 s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    /** Runs the unpacked hook script with sh, one payload on stdin, as Claude Code does. */
    void hook(Path events, String payload) throws IOException, InterruptedException {
        Path in = Files.createTempFile(workDir, "payload", ".json");
        Files.writeString(in, payload + "\n", StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder("sh", home.resolve("hooks/agentgraph-hook.sh").toString())
                .directory(workDir.toFile()).redirectInput(in.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        environment(pb.environment());
        pb.environment().put("AGENTGRAPH_EVENTS", events.toString());
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("the hook did not exit 0 in time");
        }
        Files.delete(in);
    }

    private void environment(Map<String, String> env) {
        env.put("HOME", userHome.toString());
        env.remove("JAVA_OPTS");
        env.keySet().removeIf(k -> k.startsWith("AGENTGRAPH_"));
    }

    static int status(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static String get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
