package dev.agentgraph.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The hook writes the runtime it runs for (AGENTGRAPH_RUNTIME) first on each line, and only a plain name. */
class RuntimeMarkTest {

    @TempDir
    Path dir;

    private List<String> run(Hook.Shell shell, String runtime, String... payloads) throws Exception {
        Path events = dir.resolve(shell + ".jsonl");
        for (String p : payloads) {
            Hook.Result r = Hook.run(shell, Map.of("AGENTGRAPH_EVENTS", events.toString(), "AGENTGRAPH_RUNTIME", runtime),
                    (p + "\n").getBytes(StandardCharsets.UTF_8));
            assertThat(r.exit()).isZero();
            assertThat(r.out() + r.err()).isEmpty();
        }
        return Files.readAllLines(events);
    }

    @ParameterizedTest
    @EnumSource(Hook.Shell.class)
    void aPlainNameIsWrittenFirstAndAnythingElseIsLeftOut(Hook.Shell shell) throws Exception {
        shell.assumeInstalled();
        List<String> lines = run(shell, "codex", "{\"hook_event_name\":\"Stop\",\"session_id\":\"s\"}", "{}", "{ }");
        for (String line : lines) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            assertThat(o.keySet()).first().isEqualTo("agentgraph_runtime");
            assertThat(o.get("agentgraph_runtime").getAsString()).isEqualTo("codex");
            assertThat(o.has("agentgraph_received")).isTrue();
        }
        assertThat(JsonParser.parseString(lines.get(0)).getAsJsonObject().get("session_id").getAsString()).isEqualTo("s");
        List<String> forged = run(shell, "x\",\"agentgraph_host\":\"evil", "{\"hook_event_name\":\"Stop\"}");
        JsonObject o = JsonParser.parseString(forged.get(forged.size() - 1)).getAsJsonObject();
        assertThat(o.has("agentgraph_runtime")).as("a name that is not plain is not written").isFalse();
        // The line may name the machine (the hook's own agentgraph_host), never the forged one.
        assertThat(o.has("agentgraph_host") ? o.get("agentgraph_host").getAsString() : null).isNotEqualTo("evil");
    }
}
