package dev.agentgraph.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The page's pure modules (model, colours, clusters, labels, card placement, search, health)
 * under Node's own test runner ({@code node --test}, no build step, no npm package), run as a
 * child process so that the README's {@code mvn -B verify} runs them. The tests are
 * {@code src/test/js/*.test.mjs}; they import the page's files from {@code src/main/resources}
 * as the browser loads them.
 */
class PageUnitTest {

    private static final Path TESTS = Path.of("src", "test", "js");

    @Test
    void pageModulesPassTheirNodeTests() throws IOException, InterruptedException {
        List<String> files;
        try (Stream<Path> list = Files.list(TESTS)) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".test.mjs")).sorted().toList();
        }
        assertThat(files).as("node test files in " + TESTS).isNotEmpty();
        List<String> command = new ArrayList<>(List.of(node(), "--test"));
        command.addAll(files);
        Process p = new ProcessBuilder(command).directory(TESTS.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("node --test finished").isTrue();
        String report = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(report).isZero();
        assertThat(report).contains("# fail 0").doesNotContain("# pass 0");
    }

    /** Node from the PATH: Debian's {@code nodejs} package installs {@code node} (`.ci/run` installs it). */
    private static String node() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            for (String name : new String[] {"node", "nodejs"}) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        throw new IllegalStateException("the page's unit tests need Node.js 18+: apt-get install -y nodejs");
    }
}
