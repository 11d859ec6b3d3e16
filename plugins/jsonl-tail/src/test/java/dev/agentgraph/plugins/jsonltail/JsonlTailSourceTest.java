package dev.agentgraph.plugins.jsonltail;

import dev.agentgraph.api.EventFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentgraph.api.Event;
import dev.agentgraph.testkit.EmittedEvents;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The tail against real files changed by real processes: each way a file can change under it. */
class JsonlTailSourceTest {

    @TempDir
    Path dir;

    private final EmittedEvents out = new EmittedEvents();
    private JsonlTailSource source;

    @AfterEach
    void stop() throws Exception {
        if (source != null) {
            source.close();
        }
    }

    private Path start(Path file, long historyBytes, int maxLine, boolean create) throws IOException {
        source = new JsonlTailSource(new TailSettings(file, historyBytes, maxLine, Duration.ofMillis(100), create),
                LoggerFactory.getLogger("jsonl-tail"), out);
        source.start(out);
        return file;
    }

    private Path start(Path file) throws IOException {
        return start(file, 4L << 20, 1 << 20, true);
    }

    private static String spawn(String id) {
        return "{\"ts\":\"" + Instant.now() + "\",\"event\":\"agent_spawn\",\"id\":\"" + id + "\"}";
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private void awaitIds(String... ids) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(out.ids()).containsExactly(ids));
    }

    @Test
    void waitsForAFileThatDoesNotExistYet() throws Exception {
        Path file = start(dir.resolve("later/events.jsonl"), 4L << 20, 1 << 20, false);
        assertThat(file).doesNotExist();

        Shell.run("mkdir -p \"$(dirname \"$1\")\" && printf '%s\\n' \"$2\" >> \"$1\"", file.toString(), spawn("a1"));

        awaitIds("a1");
        assertThat(out.events.get(0).isHistory()).as("a line written after start is live").isFalse();
    }

    @Test
    void anUnreadableFileIsRetriedUntilItCanBeRead() throws Exception {
        Path file = Files.createDirectory(dir.resolve("events.jsonl")); // a directory where the file should be
        start(file, 4L << 20, 1 << 20, false);

        Shell.run("rmdir \"$1\" && printf '%s\\n' \"$2\" >> \"$1\"", file.toString(), spawn("a1"));

        awaitIds("a1");
    }

    @Test
    void createsAMissingFileAndDirectoryPrivateToTheUser() throws Exception {
        Path file = start(dir.resolve("memory/agent-events.jsonl"));

        assertThat(Files.getPosixFilePermissions(file.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(out.count("insecure_file_mode")).isZero();
        Shell.run("printf '%s\\n' \"$2\" >> \"$1\"", file.toString(), spawn("a1"));
        awaitIds("a1");
    }

    @Test
    void warnsWhenTheFileIsReadableByOthers() throws Exception {
        Path file = Files.createFile(dir.resolve("events.jsonl"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-r--r--")));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        start(file);
        append(file, spawn("a1") + "\n");

        awaitIds("a1");
        assertThat(out.count("insecure_file_mode")).isEqualTo(1);
        assertThat(EventFile.modeWarning(file)).get().asString().contains("chmod 600");
    }

    @Test
    void rotationFinishesTheOldFileThenFollowsTheNewOne() throws Exception {
        Path file = start(dir.resolve("events.jsonl"));
        append(file, spawn("a1") + "\n");
        awaitIds("a1");

        // A rotator renames the file; a writer that still holds it finishes a line; new lines go to a new file.
        Shell.run("printf '%s\\n' \"$3\" >> \"$1\" && mv \"$1\" \"$2\" && printf '%s\\n' \"$4\" >> \"$2\""
                        + " && printf '%s\\n' \"$5\" >> \"$1\"",
                file.toString(), dir.resolve("events.jsonl.1").toString(), spawn("a2"), spawn("a3"), spawn("b1"));

        awaitIds("a1", "a2", "a3", "b1");
        append(file, spawn("b2") + "\n");
        awaitIds("a1", "a2", "a3", "b1", "b2");
        assertThat(out.count("rotations")).isEqualTo(1);
    }

    @Test
    void truncationStartsAgainFromTheTop() throws Exception {
        Path file = start(dir.resolve("events.jsonl"));
        append(file, spawn("a1-with-a-long-id-so-the-file-shrinks") + "\n" + spawn("a2-with-a-long-id-too") + "\n");
        awaitIds("a1-with-a-long-id-so-the-file-shrinks", "a2-with-a-long-id-too");

        Shell.run(": > \"$1\" && printf '%s\\n' \"$2\" >> \"$1\"", file.toString(), "{\"event\":\"agent_spawn\",\"id\":\"b1\"}");

        awaitIds("a1-with-a-long-id-so-the-file-shrinks", "a2-with-a-long-id-too", "b1");
        assertThat(out.count("truncations")).isEqualTo(1);
    }

    @Test
    void truncationFollowedByRegrowthPastTheOldOffsetIsNoticedAndTheNewLinesRead() throws Exception {
        // Issue 15, defect 4: the file is emptied and rewritten beyond the old offset while the tail
        // is not looking (here: held in emit, as a full pipeline queue holds it). Its size never
        // looks smaller, so only the bytes before the offset can tell.
        Path file = dir.resolve("events.jsonl");
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        source = new JsonlTailSource(new TailSettings(file, 4L << 20, 1 << 20, Duration.ofMillis(100), true),
                LoggerFactory.getLogger("jsonl-tail"), out);
        source.start(event -> {
            if ("a999".equals(event.string("id"))) {
                held.countDown();
                awaitQuietly(release);
            }
            out.emit(event);
        });
        String lines = "i=0; while [ $i -lt 1000 ]; do printf '{\"event\":\"agent_spawn\",\"id\":\"%s%03d\"}\\n' \"$2\" $i; i=$((i+1)); done";
        Shell.run(lines + " >> \"$1\"", file.toString(), "a");
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

        // Another process empties the file and writes as many bytes again, line by line.
        Shell.run(": > \"$1\" && " + lines + " >> \"$1\"", file.toString(), "b");
        release.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> out.events.size() >= 2000);
        List<String> after = out.ids().subList(1000, out.ids().size());
        assertThat(after).hasSize(1000).startsWith("b000").endsWith("b999");
        assertThat(out.count("truncations")).isEqualTo(1);
        append(file, spawn("c1") + "\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> out.ids().contains("c1"));
        assertThat(out.count("truncations")).as("a plain append is not a rewrite").isEqualTo(1);
        assertThat(out.events).hasSize(2001);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void deletionAndRecreationAreFollowed() throws Exception {
        Path file = start(dir.resolve("events.jsonl"));
        append(file, spawn("a1-with-a-long-id-so-the-new-file-is-smaller") + "\n");
        awaitIds("a1-with-a-long-id-so-the-new-file-is-smaller");

        Shell.run("rm \"$1\"", file.toString());
        Shell.run("printf '%s\\n' \"$2\" >> \"$1\"", file.toString(), "{\"event\":\"agent_spawn\",\"id\":\"b1\"}");

        awaitIds("a1-with-a-long-id-so-the-new-file-is-smaller", "b1");
        append(file, spawn("b2") + "\n");
        awaitIds("a1-with-a-long-id-so-the-new-file-is-smaller", "b1", "b2");
    }

    @Test
    void aPartialLastLineWaitsForItsNewline() throws Exception {
        Path file = start(dir.resolve("events.jsonl"));
        Shell.run("printf '%s\\n%s' \"$2\" \"$3\" >> \"$1\"", file.toString(), spawn("a1"),
                "{\"event\":\"agent_spawn\",\"id\":\"p1\"");
        awaitIds("a1"); // the partial line was in the same write, so it has been read too

        Shell.run("printf '}\\n' >> \"$1\"", file.toString());

        awaitIds("a1", "p1");
        assertThat(out.count("invalid_json")).isZero();
    }

    @Test
    void thePartialLastLineFixtureOnlyGivesItsWholeLine() throws Exception {
        Path file = start(dir.resolve("events.jsonl"));
        Shell.run("cat \"$2\" >> \"$1\"", file.toString(), fixture("partial-last-line.jsonl").toString());
        awaitIds("ok1");

        append(file, "ome\":\"functional\",\"duration_ms\":2000}\n");

        await().atMost(Duration.ofSeconds(10)).until(() -> out.events.size() == 2);
        assertThat(out.events.get(1).type()).isEqualTo("agent_done");
        assertThat(out.events.get(1).string("outcome")).isEqualTo("functional");
    }

    @Test
    void aLineLongerThanTheCapIsSkippedAndTheLinesAroundItArrive() throws Exception {
        Path file = start(dir.resolve("events.jsonl"), 4L << 20, 64 * 1024, true);
        // 3 MiB of one line, streamed by a separate process between two good lines.
        Shell.run("printf '%s\\n{\"event\":\"agent_spawn\",\"id\":\"huge\",\"x\":\"' \"$2\" >> \"$1\""
                        + " && head -c 3145728 /dev/zero | tr '\\0' 'A' >> \"$1\""
                        + " && printf '\"}\\n%s\\n' \"$3\" >> \"$1\"",
                file.toString(), spawn("before"), spawn("after"));

        awaitIds("before", "after");
        assertThat(out.count("too_long")).isEqualTo(1);
    }

    @Test
    void malformedLinesFixtureIsSkippedCountedAndItsGoodLineArrives() throws Exception {
        Path file = start(dir.resolve("events.jsonl"));
        Shell.run("cat \"$2\" >> \"$1\" && printf '%s\\n' \"$3\" >> \"$1\"", file.toString(),
                fixture("malformed-lines.jsonl").toString(), spawn("after"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(out.ids()).endsWith("ok1", "after"));
        assertThat(out.count("too_long")).as("the 2 MiB line").isEqualTo(1);
        assertThat(out.count("invalid_utf8")).isEqualTo(1);
        assertThat(out.count("invalid_json")).as("truncated, array, string, null, 100,000-deep").isEqualTo(5);
        assertThat(out.ids()).doesNotContain("huge", "deep", "bad-utf8", "trunc");
        assertThat(out.ids()).contains("<img src=x onerror=alert(1)>");
    }

    @Test
    void historyWindowIsReadAsHistoryAndLaterLinesAsLive() throws Exception {
        Path file = dir.resolve("events.jsonl");
        append(file, spawn("old1") + "\n" + spawn("old2") + "\n" + "{\"event\":\"agent_done\",\"id\":\"old1\"}\n");

        start(file);
        await().atMost(Duration.ofSeconds(10)).until(() -> out.events.size() == 3);
        append(file, spawn("new1") + "\n");

        awaitIds("old1", "old2", "old1", "new1");
        assertThat(out.events).extracting(Event::isHistory).containsExactly(true, true, true, false);
    }

    @Test
    void historyIsBoundedToTheLastBytesAndStartsAtALineBoundary() throws Exception {
        Path file = dir.resolve("events.jsonl");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            lines.append("{\"event\":\"tool_use\",\"id\":\"t").append(i).append("\",\"tool\":\"Bash\"}\n");
        }
        append(file, lines.toString());
        int lineLength = "{\"event\":\"tool_use\",\"id\":\"t999\",\"tool\":\"Bash\"}\n".length();

        start(file, 10L * lineLength + 7, 1 << 20, true);

        awaitIds("t990", "t991", "t992", "t993", "t994", "t995", "t996", "t997", "t998", "t999");
        assertThat(out.count("invalid_json")).as("the cut first line is dropped, not reported").isZero();
    }

    @Test
    void appendsFromJavaAndFromManyProcessesAllArriveInFileOrder() throws Exception {
        Path file = start(dir.resolve("events.jsonl"));
        for (int i = 0; i < 50; i++) {
            append(file, spawn("j" + i) + "\n");
        }
        Shell.run("i=0; while [ $i -lt 50 ]; do printf '{\"event\":\"agent_spawn\",\"id\":\"s%d\"}\\n' $i >> \"$1\"; i=$((i+1)); done",
                file.toString());

        await().atMost(Duration.ofSeconds(10)).until(() -> out.events.size() == 100);
        List<String> ids = out.ids();
        assertThat(ids.subList(0, 50)).allMatch(id -> id.startsWith("j"));
        assertThat(ids.get(99)).isEqualTo("s49");
    }

    private static Path fixture(String name) throws IOException {
        Path copy = Files.createTempFile("fixture", ".jsonl");
        try (InputStream in = JsonlTailSourceTest.class.getResourceAsStream("/bad-input/" + name)) {
            Files.write(copy, in.readAllBytes());
        }
        copy.toFile().deleteOnExit();
        return copy;
    }
}
