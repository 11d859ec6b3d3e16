package dev.agentgraph.api;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link Event#parse} with any bytes (run for a bounded time in {@code mvn verify}; see
 * docs/security.md, "Fuzzing"). Every line from the event file and every ingested body meets it
 * first. Whatever the input: the only failure is {@link EventFormatException} with a one-line
 * message (it goes to the log), and a parsed event is the JSON object it was read from.
 */
class EventParseFuzzTest {

    @FuzzTest(maxDuration = "10s")
    @DictionaryEntries({"{\"event\":\"agent_spawn\"", "\"id\":", "\"session_id\":", "{", "}", "[", "]", ":", ",",
            "\"", "\\u", "\\ud800", "true", "null", "1e999", "-0", "{\"a\":{\"a\":[[[[", "\u0000"})
    void aLineIsAnEventOrOneLineSayingWhyNot(byte[] input) {
        String line = new String(input, StandardCharsets.UTF_8);
        Event event;
        try {
            event = Event.parse(line);
        } catch (EventFormatException refused) {
            String why = refused.getMessage();
            check(why != null && !why.isEmpty() && why.indexOf('\n') < 0 && why.indexOf('\r') < 0,
                    "the refusal is one line: " + why);
            return;
        }
        JsonObject json = event.json();
        check(json != null, "a parsed event has its JSON object");
        JsonElement type = json.get(Canonical.EVENT);
        boolean typed = type != null && type.isJsonPrimitive() && type.getAsJsonPrimitive().isString();
        check(event.type().equals(typed ? type.getAsString() : ""), "type() is the event member: " + event.type());
        check(event.toJson().equals(line), "the text of a parsed event is its line");
        Event again;
        try {
            again = Event.parse(json.toString());
        } catch (EventFormatException e) {
            throw new AssertionError("the JSON of a parsed event parses again: " + json, e);
        }
        check(again.json().equals(json), "the JSON survives a round trip");
        if (typed) {
            check(event.toBuilder().build().type().equals(event.type()), "a copy keeps the type");
        }
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }
}
