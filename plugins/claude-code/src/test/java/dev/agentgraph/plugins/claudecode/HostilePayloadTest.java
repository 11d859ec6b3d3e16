package dev.agentgraph.plugins.claudecode;

import static org.assertj.core.api.Assertions.assertThatCode;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every member of every fixture payload given a wrong type: the decoder never throws. */
class HostilePayloadTest {

    private static final List<JsonElement> WRONG = List.of(new JsonPrimitive(123), new JsonObject(), new JsonArray(),
            JsonNull.INSTANCE, new JsonPrimitive(""), new JsonPrimitive("<img src=x onerror=alert(1)>"));

    @Test
    void wrongTypesAnywhereAreSurvived() {
        for (String fixture : List.of("session-background-and-foreground.jsonl", "session-nested-subagents.jsonl",
                "session-legacy-task-tool.jsonl", "session-interrupted.jsonl", "two-sessions-interleaved.jsonl")) {
            List<String> lines = DecoderHarness.fixture(fixture);
            for (JsonElement wrong : WRONG) {
                DecoderHarness h = new DecoderHarness();
                for (String line : lines) {
                    JsonObject payload = JsonParser.parseString(line).getAsJsonObject();
                    for (String key : payload.keySet()) {
                        JsonObject broken = payload.deepCopy();
                        broken.add(key, wrong);
                        assertThatCode(() -> h.feed(broken.toString())).as(broken.toString()).doesNotThrowAnyException();
                    }
                    h.feed(line);
                }
                h.tick();
            }
        }
    }
}
