package dev.agentgraph.installer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgraph.runtime.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agentgraph install} on a real installation folder. */
class InstallCommandTest {

    @TempDir
    Path dir;
    Path built;
    Path dest;
    Path bin;
    String out;
    String err;
    private String previousHome;

    @BeforeEach
    void anInstallation() throws IOException {
        built = dir.resolve("src/dist/target/agentgraph-0.1.0");
        write(built.resolve("bin/agentgraph"), "#!/bin/sh\necho from-$0\n");
        Files.setPosixFilePermissions(built.resolve("bin/agentgraph"), PosixFilePermissions.fromString("rwxr-xr-x"));
        write(built.resolve("hooks/agentgraph-hook.sh"), "exit 0\n");
        write(built.resolve("lib/agentgraph-runtime-0.1.0.jar"), "jar");
        write(built.resolve("lib/agentgraph-cds-17.0.9.jsa"), "archive of this folder");
        write(built.resolve("conf/agentgraph.properties"), "# defaults\n");
        write(built.resolve("plugins/agentgraph-plugin-log-0.1.0.jar"), "log");
        dest = dir.resolve("data/agentgraph");
        bin = dir.resolve("bin");
        previousHome = System.getProperty("agentgraph.home");
    }

    @AfterEach
    void restore() {
        if (previousHome == null) {
            System.clearProperty("agentgraph.home");
        } else {
            System.setProperty("agentgraph.home", previousHome);
        }
    }

    private static void write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private int install(Path from) {
        System.setProperty("agentgraph.home", from.toString());
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.execute(new PrintWriter(o), new PrintWriter(e), "install", "--dir", dest.toString(),
                "--bin-dir", bin.toString());
        out = o.toString();
        err = e.toString();
        return code;
    }

    @Test
    void copiesTheInstallationAndLinksTheStartScript() throws Exception {
        assertThat(install(built)).as(err).isZero();
        assertThat(dest.resolve("hooks/agentgraph-hook.sh")).hasContent("exit 0");
        assertThat(dest.resolve("lib/agentgraph-runtime-0.1.0.jar")).exists();
        assertThat(dest.resolve("lib/agentgraph-cds-17.0.9.jsa")).as("the archive belongs to the build folder").doesNotExist();
        assertThat(Files.isExecutable(dest.resolve("bin/agentgraph"))).isTrue();
        assertThat(Files.readSymbolicLink(bin.resolve("agentgraph"))).isEqualTo(dest.resolve("bin/agentgraph"));
        Process p = new ProcessBuilder(bin.resolve("agentgraph").toString()).redirectErrorStream(true).start();
        assertThat(new String(p.getInputStream().readAllBytes()).strip()).isEqualTo("from-" + bin.resolve("agentgraph"));
        assertThat(out).contains("installed AgentGraph from " + built + " to " + dest)
                .contains("hooks install --agent NAME").contains("restart the agent");
        try (var siblings = Files.list(dest.getParent())) {
            assertThat(siblings).as("no half-copied folder left").containsExactly(dest);
        }
    }

    @Test
    void anUpgradeReplacesTheFolderButKeepsWhatTheUserAdded() throws Exception {
        assertThat(install(built)).isZero();
        Files.writeString(dest.resolve("conf/agentgraph.properties"), "server.port=8300\n");
        write(dest.resolve("plugins/my-own-plugin.jar"), "mine");
        write(dest.resolve("plugins/agentgraph-plugin-gone-0.0.1.jar"), "an old plugin of ours");
        write(dest.resolve("stale.txt"), "from the old version");
        write(built.resolve("lib/agentgraph-runtime-0.1.0.jar"), "new jar");
        Files.writeString(built.resolve("conf/agentgraph.properties"), "# new defaults\n");

        assertThat(install(built)).as(err).isZero();
        assertThat(dest.resolve("lib/agentgraph-runtime-0.1.0.jar")).hasContent("new jar");
        assertThat(dest.resolve("conf/agentgraph.properties")).hasContent("server.port=8300");
        assertThat(dest.resolve("conf/agentgraph.properties.new")).hasContent("# new defaults");
        assertThat(dest.resolve("plugins/my-own-plugin.jar")).hasContent("mine");
        assertThat(dest.resolve("plugins/agentgraph-plugin-gone-0.0.1.jar")).doesNotExist();
        assertThat(dest.resolve("stale.txt")).doesNotExist();
        assertThat(out).contains("kept conf/agentgraph.properties").contains("kept plugins/my-own-plugin.jar");
    }

    @Test
    void runFromTheInstalledFolderItCopiesNothing() throws Exception {
        assertThat(install(built)).isZero();
        assertThat(install(dest)).as(err).isZero();
        assertThat(out).contains("already installed in " + dest);
        assertThat(bin.resolve("agentgraph")).exists();
    }

    @Test
    void aRealFileWhereTheLinkGoesIsNotReplaced() throws Exception {
        write(bin.resolve("agentgraph"), "someone else's agentgraph");
        assertThat(install(built)).isEqualTo(1);
        assertThat(err.strip().lines()).singleElement().asString().contains("is not a link");
        assertThat(bin.resolve("agentgraph")).hasContent("someone else's agentgraph");
        assertThat(dest).as("checked before copying anything").doesNotExist();
    }

    @Test
    void aTargetInsideTheInstallationIsRefused() {
        dest = built.resolve("nested/agentgraph");
        assertThat(install(built)).isEqualTo(1);
        assertThat(err).contains("one inside the other");
        assertThat(built.resolve("nested")).doesNotExist();
    }

    @Test
    void withoutAnInstallationFolderItSaysHowToRunIt() {
        assertThat(install(dir.resolve("nowhere"))).isEqualTo(1);
        assertThat(err).contains("run this through bin/agentgraph");
    }
}
