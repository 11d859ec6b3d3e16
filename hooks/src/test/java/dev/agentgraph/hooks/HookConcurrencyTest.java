package dev.agentgraph.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 64 hooks append at once, payloads from 1 byte of padding to a whole 1 MiB: every line is whole
 * (it parses and carries exactly its own padding) and none is lost.
 */
class HookConcurrencyTest {

    private static final int HOOKS = 64;
    private static final int MAX = 1 << 20;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Hook.Shell.class, names = {"DASH", "BASH_POSIX"})
    void sixtyFourHooksAtOnceNeverInterleave(Hook.Shell shell) throws Exception {
        shell.assumeInstalled();
        Path events = dir.resolve("events.jsonl");
        Map<Integer, Integer> padOf = new HashMap<>();
        List<Process> running = new ArrayList<>();
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < HOOKS; i++) {
            String head = "{\"hook_event_name\":\"PreToolUse\",\"session_id\":\"s\",\"n\":" + i + ",\"pad\":\"";
            String tail = "\"}";
            // Sizes spread evenly on a log scale from 1 byte to 256 KiB, and one payload of exactly
            // 1 MiB (the cap): the shells read stdin a byte at a time, so this keeps the test short.
            int pad = i == HOOKS - 1 ? MAX - head.length() - tail.length()
                    : (int) Math.max(1, Math.round(Math.pow(2, 18.0 * i / (HOOKS - 2))) - head.length() - tail.length());
            pad = Math.max(1, pad);
            padOf.put(i, pad);
            Path input = dir.resolve("in-" + i);
            Files.writeString(input, head + ((char) ('a' + i % 26) + "").repeat(pad) + tail);
            inputs.add(input);
        }
        for (Path input : inputs) {
            running.add(Hook.builder(shell, Map.of("AGENTGRAPH_EVENTS", events.toString()))
                    .redirectInput(input.toFile()).redirectErrorStream(true).start());
        }
        for (Process p : running) {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            assertThat(p.getInputStream().readAllBytes()).isEmpty();
        }
        List<String> lines = Files.readAllLines(events, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(HOOKS);
        Map<Integer, Integer> seen = new HashMap<>();
        for (String line : lines) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            int n = o.get("n").getAsInt();
            String pad = o.get("pad").getAsString();
            assertThat(pad.chars().distinct().count()).as("line %d is whole", n).isEqualTo(1);
            seen.put(n, pad.length());
        }
        assertThat(seen).isEqualTo(padOf);
        assertThat(lines.stream().mapToInt(String::length).max().getAsInt()).isGreaterThan(MAX);
    }
}
