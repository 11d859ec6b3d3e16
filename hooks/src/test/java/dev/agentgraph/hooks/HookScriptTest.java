package dev.agentgraph.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The hook script alone, under every shell it must run with. */
class HookScriptTest {

    private static final String PAYLOAD = "{\"session_id\":\"s-1\",\"transcript_path\":\"/t.jsonl\",\"cwd\":\"/home/dev/x\","
            + "\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"echo \\\"hi\\\" \\\\ 'q' %s %n $HOME `x`\"},"
            + "\"tool_use_id\":\"toolu_1\"}";

    @TempDir
    Path dir;

    private List<JsonObject> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
    }

    private static void quiet(Hook.Result r) {
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Hook.Shell.class)
    void appendsThePayloadWithItsReceiveTimeAsOneLine(Hook.Shell shell) throws IOException {
        shell.assumeInstalled();
        Path events = dir.resolve("events.jsonl");
        Instant before = Instant.now().minusSeconds(1);
        quiet(Hook.run(shell, events, PAYLOAD));
        quiet(Hook.run(shell, events, PAYLOAD + "\n"));
        List<JsonObject> lines = lines(events);
        assertThat(lines).hasSize(2);
        JsonObject line = lines.get(0);
        Instant received = Instant.parse(line.get("agentgraph_received").getAsString());
        assertThat(received).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(line.get("agentgraph_received").getAsString()).matches(".*T\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        JsonObject original = JsonParser.parseString(PAYLOAD).getAsJsonObject();
        line.remove("agentgraph_received");
        line.remove("agentgraph_host");
        assertThat(line).isEqualTo(original);
    }

    @ParameterizedTest
    @EnumSource(Hook.Shell.class)
    void createsAPrivateDirectoryAndFile(Hook.Shell shell) throws IOException {
        shell.assumeInstalled();
        Path events = dir.resolve("a/b/events.jsonl");
        quiet(Hook.run(shell, events, PAYLOAD));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(events.getParent()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(events))).isEqualTo("rw-------");
        assertThat(lines(events)).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Hook.Shell.class)
    void bypassDoesNothing(Hook.Shell shell) {
        shell.assumeInstalled();
        Path events = dir.resolve("events.jsonl");
        quiet(Hook.run(shell, Map.of("AGENTGRAPH_EVENTS", events.toString(), "AGENTGRAPH_HOOK_BYPASS", "1"),
                PAYLOAD.getBytes(StandardCharsets.UTF_8)));
        assertThat(events).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(Hook.Shell.class)
    void neverFailsNorPrintsWhateverHappensToTheFile(Hook.Shell shell) throws IOException {
        shell.assumeInstalled();
        Path aFile = Files.writeString(dir.resolve("plain"), "x");
        String big = "{\"hook_event_name\":\"Stop\",\"pad\":\"" + "z".repeat(20_000) + "\"}";
        for (Path events : List.of(Path.of("/dev/full"), dir, aFile.resolve("sub/events.jsonl"))) {
            for (String payload : List.of(PAYLOAD, big)) {
                Hook.Result r = Hook.run(shell, events, payload);
                quiet(r);
                assertThat(r.millis()).as(events + " took too long").isLessThan(Duration.ofSeconds(10).toMillis());
            }
        }
        assertThat(Files.readString(aFile)).isEqualTo("x");
    }

    @ParameterizedTest
    @EnumSource(Hook.Shell.class)
    void aPayloadOverTheCapBecomesASmallLineThatSaysSo(Hook.Shell shell) throws IOException {
        shell.assumeInstalled();
        Path events = dir.resolve("events.jsonl");
        String huge = "{\"session_id\":\"s-9\",\"cwd\":\"/w\",\"hook_event_name\":\"PreToolUse\",\"agent_id\":\"a-1\","
                + "\"agent_type\":\"Explore\",\"tool_name\":\"Write\",\"tool_input\":{\"content\":\"" + "y".repeat(6000)
                + "\"},\"tool_use_id\":\"toolu_9\"}";
        quiet(Hook.run(shell, Map.of("AGENTGRAPH_EVENTS", events.toString(), "AGENTGRAPH_HOOK_MAX_BYTES", "4000"),
                huge.getBytes(StandardCharsets.UTF_8)));
        JsonObject line = lines(events).get(0);
        assertThat(Files.size(events)).isLessThan(600);
        JsonObject cut = line.getAsJsonObject("agentgraph_cut");
        assertThat(cut.get("reason").getAsString()).isEqualTo("too_large");
        assertThat(cut.get("bytes").getAsLong()).isEqualTo(huge.length());
        assertThat(cut.get("max_bytes").getAsLong()).isEqualTo(4000);
        assertThat(line.get("hook_event_name").getAsString()).isEqualTo("PreToolUse");
        assertThat(line.get("session_id").getAsString()).isEqualTo("s-9");
        assertThat(line.get("agent_id").getAsString()).isEqualTo("a-1");
        assertThat(line.get("tool_name").getAsString()).isEqualTo("Write");
        assertThat(line.get("tool_use_id").getAsString()).isEqualTo("toolu_9");
        assertThat(line.has("tool_input")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Hook.Shell.class)
    void oddPayloadsStillGiveOneValidLine(Hook.Shell shell) throws IOException {
        shell.assumeInstalled();
        Path events = dir.resolve("events.jsonl");
        quiet(Hook.run(shell, events, "{\n  \"hook_event_name\": \"Stop\",\n  \"session_id\": \"s-2\"\n}\n"));
        quiet(Hook.run(shell, events, "  {}"));
        quiet(Hook.run(shell, events, "oops, not JSON"));
        quiet(Hook.run(shell, events, ""));
        quiet(Hook.run(shell, events, "  \n \n"));
        List<JsonObject> lines = lines(events);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).get("session_id").getAsString()).isEqualTo("s-2");
        assertThat(lines.get(1).keySet()).containsExactly("agentgraph_received", "agentgraph_host");
        assertThat(lines.get(2).getAsJsonObject("agentgraph_cut").get("reason").getAsString()).isEqualTo("not_an_object");
    }

    /**
     * On Linux the time comes from /proc/uptime plus the boot's time learnt once: after the first
     * event only the shell runs, whatever the clock file held before (another boot, garbage).
     */
    @ParameterizedTest
    @EnumSource(Hook.Shell.class)
    void onLinuxOnlyTheFirstEventsOfABootRunDate(Hook.Shell shell) throws Exception {
        shell.assumeInstalled();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/uptime"))
                && Files.isReadable(Path.of("/proc/sys/kernel/random/boot_id")), "no /proc: every event runs date");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path calls = dir.resolve("date-calls");
        Path date = bin.resolve("date");
        Files.writeString(date, "#!/bin/sh\necho x >>'" + calls + "'\nexec /bin/date \"$@\"\n");
        date.toFile().setExecutable(true);
        Path events = dir.resolve("events.jsonl");
        Path clock = dir.resolve(".agentgraph-clock");
        Map<String, String> env = Map.of("AGENTGRAPH_EVENTS", events.toString(),
                "PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));

        for (String before : List.of("", "0c2d-other-boot 1700000000000 5", "garbage \\ 'x'")) {
            Files.deleteIfExists(events);
            Files.deleteIfExists(calls);
            if (before.isEmpty()) {
                Files.deleteIfExists(clock);
            } else {
                Files.writeString(clock, before + "\n");
            }
            for (int i = 0; i < 4; i++) {
                Instant from = Instant.now().minusMillis(100);
                quiet(Hook.run(shell, env, PAYLOAD.getBytes(StandardCharsets.UTF_8)));
                JsonObject line = lines(events).get(i);
                assertThat(Instant.parse(line.get("agentgraph_received").getAsString()))
                        .as("the receive time, clock file first " + before).isBetween(from, Instant.now().plusMillis(100));
            }
            // The first run has no event file yet to keep the clock beside; the second learns it.
            assertThat(Files.readAllLines(calls)).as("date runs with " + before).hasSizeLessThanOrEqualTo(2);
            assertThat(Files.readString(clock)).matches("[0-9a-f-]{36} \\d+ \\d+\n");
        }
    }

    @ParameterizedTest
    @EnumSource(Hook.Shell.class)
    void eachLineNamesTheMachine(Hook.Shell shell) throws IOException {
        shell.assumeInstalled();
        Path events = dir.resolve("events.jsonl");
        String kernels = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        quiet(Hook.run(shell, Map.of("AGENTGRAPH_EVENTS", events.toString(), "AGENTGRAPH_HOST", "ci-runner-3.example"),
                PAYLOAD.getBytes(StandardCharsets.UTF_8)));
        quiet(Hook.run(shell, Map.of("AGENTGRAPH_EVENTS", events.toString(), "HOSTNAME", "from-hostname"),
                PAYLOAD.getBytes(StandardCharsets.UTF_8)));
        // Neither set: the kernel's name, read by the shell itself.
        quiet(Hook.run(shell, Map.of("AGENTGRAPH_EVENTS", events.toString(), "HOSTNAME", ""),
                PAYLOAD.getBytes(StandardCharsets.UTF_8)));
        // Not a plain host name: left out rather than escaped.
        quiet(Hook.run(shell, Map.of("AGENTGRAPH_EVENTS", events.toString(), "AGENTGRAPH_HOST", "a\"b,c"),
                PAYLOAD.getBytes(StandardCharsets.UTF_8)));
        // A cut line names it too.
        quiet(Hook.run(shell, Map.of("AGENTGRAPH_EVENTS", events.toString(), "AGENTGRAPH_HOST", "big-box"),
                "not json".getBytes(StandardCharsets.UTF_8)));
        List<JsonObject> lines = lines(events);
        assertThat(lines).extracting(l -> l.has("agentgraph_host") ? l.get("agentgraph_host").getAsString() : null)
                .containsExactly("ci-runner-3.example", "from-hostname", kernels, null, "big-box");
        assertThat(lines.get(0).get("session_id").getAsString()).isEqualTo("s-1");
        assertThat(lines.get(0).keySet()).startsWith("agentgraph_received", "agentgraph_host");
    }

    @Test
    void isShellcheckClean() throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("shellcheck", "-s", "sh", Hook.SCRIPT.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.abort("shellcheck is not installed");
            return;
        }
        String report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(report).isZero();
    }
}
