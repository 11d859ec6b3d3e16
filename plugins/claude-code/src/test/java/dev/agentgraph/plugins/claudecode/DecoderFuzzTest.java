package dev.agentgraph.plugins.claudecode;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.agentgraph.api.Event;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuzzes the Claude Code decoder with sequences of payloads (run for a bounded time in
 * {@code mvn verify}; see docs/security.md, "Fuzzing"). Each payload is a real captured one whose
 * members the fuzzer replaces with other strings, numbers, objects or wrong types, with agent,
 * tool-use and session ids drawn from a small pool so that joins, stops and listings meet. Whatever
 * comes: no exception, no hook payload passes on undecoded, every emitted string is bounded, and an
 * agent is done only after it was spawned.
 */
class DecoderFuzzTest {

    private static final List<JsonObject> REAL = new ArrayList<>();
    private static final String[] IDS = {"a1", "a2", "aresearcher-1", "main", "", "toolu_1", "toolu_2"};
    private static final String[] MEMBERS = {"hook_event_name", "agent_id", "agent_type", "tool_use_id", "tool_name",
            "session_id", "tool_input", "tool_response", "background_tasks", "cwd", "transcript_path",
            "agent_transcript_path", "teammate_name", "task_id", "new_cwd", "to_model", "agentgraph_received"};

    static {
        for (String line : DecoderHarness.fixture("claude-code-real/payloads.jsonl")) {
            REAL.add(JsonParser.parseString(line).getAsJsonObject());
        }
    }

    @FuzzTest(maxDuration = "10s")
    void anySequenceOfPayloadsIsDecodedWithinBounds(FuzzedDataProvider data) {
        DecoderHarness h = new DecoderHarness();
        int n = data.consumeInt(1, 24);
        for (int i = 0; i < n && data.remainingBytes() > 0; i++) {
            JsonObject payload = REAL.get(data.consumeInt(0, REAL.size() - 1)).deepCopy();
            payload.addProperty("session_id", data.pickValue(new String[] {"s1", "s2"}));
            int edits = data.consumeInt(0, 4);
            for (int k = 0; k < edits; k++) {
                payload.add(data.pickValue(MEMBERS), value(data));
            }
            h.feed(payload.toString());
            if (data.consumeBoolean()) {
                h.now = h.now.plusSeconds(data.consumeInt(0, 4000));
                h.tick();
            }
        }
        for (Event passed : h.passed) {
            // Only what is no hook payload at all (its hook_event_name no string) goes on undecoded.
            check(passed.string("hook_event_name") == null, "a raw payload passed on: " + passed);
        }
        Set<String> spawned = new HashSet<>();
        for (Event e : h.out) {
            bounded(e.type(), e.json());
            String key = e.session() + "/" + e.string("id");
            if ("agent_spawn".equals(e.type())) {
                spawned.add(key);
            } else if ("agent_done".equals(e.type())) {
                check(spawned.contains(key), "done before spawned: " + e);
            }
        }
    }

    private static JsonElement value(FuzzedDataProvider data) {
        switch (data.consumeInt(0, 5)) {
            case 0:
                return new JsonPrimitive(data.pickValue(IDS));
            case 1:
                return new JsonPrimitive(data.consumeString(2000));
            case 2:
                return new JsonPrimitive(data.consumeLong());
            case 3:
                return new JsonPrimitive(data.consumeBoolean());
            case 4:
                try {
                    return JsonParser.parseString("[{\"id\":\"" + data.pickValue(IDS) + "\",\"type\":\""
                            + data.pickValue(new String[] {"subagent", "teammate", "shell"}) + "\",\"status\":\""
                            + data.pickValue(new String[] {"running", "completed", "killed", "x"}) + "\"}]");
                } catch (RuntimeException e) {
                    return new JsonPrimitive("x");
                }
            default:
                JsonObject o = new JsonObject();
                o.addProperty(data.pickValue(new String[] {"agentId", "status", "resolvedModel", "model", "task"}),
                        data.consumeString(100));
                return o;
        }
    }

    private static void bounded(String where, JsonElement e) {
        if (e.isJsonObject()) {
            for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
                bounded(where + "." + m.getKey(), m.getValue());
            }
        } else if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(x -> bounded(where + "[]", x));
        } else if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            check(e.getAsString().length() <= 1024, "an unbounded string at " + where);
        }
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what.length() > 300 ? what.substring(0, 300) + "…" : what);
        }
    }
}
