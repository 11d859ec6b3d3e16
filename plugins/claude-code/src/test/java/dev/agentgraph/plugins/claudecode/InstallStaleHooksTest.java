package dev.agentgraph.plugins.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgraph.runtime.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agentgraph install} names Claude Code hooks that still run the hook of a build folder. */
class InstallStaleHooksTest {

    @TempDir
    Path dir;

    private static void write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void hooksStillPointingAtTheBuildFolderAreNamed() throws Exception {
        Path built = dir.resolve("src/dist/target/agentgraph-0.1.0");
        write(built.resolve("bin/agentgraph"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(built.resolve("bin/agentgraph"), PosixFilePermissions.fromString("rwxr-xr-x"));
        write(built.resolve("hooks/agentgraph-hook.sh"), "exit 0\n");
        Path dest = dir.resolve("data/agentgraph");
        Path home = Files.createDirectories(dir.resolve("user"));
        write(home.resolve(".claude/settings.json"), "{\"hooks\":{\"Stop\":[{\"hooks\":[{\"type\":\"command\","
                + "\"command\":\"sh '" + built.resolve("hooks/agentgraph-hook.sh") + "'\"}]}]}}");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dagentgraph.home=" + built, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "install", "--dir", dest.toString(), "--bin-dir", dir.resolve("bin").toString()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("AGENTGRAPH_"));
        pb.environment().put("HOME", home.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("Your hooks in " + home.resolve(".claude/settings.json") + " still run sh '"
                + built.resolve("hooks/agentgraph-hook.sh") + "'");
    }
}
