package dev.agentgraph.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventTest {

    @Test
    void aRefusalIsOnePrintableLineEvenWhenTheParserQuotesAControlCharacter() {
        // Found by EventParseFuzzTest: a malformed escape followed by a carriage return.
        assertThatThrownBy(() -> Event.parse("\"5\\ud80\r{}0\b5"))
                .isInstanceOf(EventFormatException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("Malformed Unicode escape")
                        .doesNotContain("\r").doesNotContain("\b").doesNotContain("\n"));
    }

    @Test
    void parsesASeedLine() throws Exception {
        Event e = Event.parse("{\"ts\":\"2026-05-02T13:00:00.000Z\",\"event\":\"agent_spawn\",\"id\":\"smoke1\",\"model\":\"sonnet\"}");
        assertThat(e.type()).isEqualTo(Canonical.AGENT_SPAWN);
        assertThat(e.string(Canonical.ID)).isEqualTo("smoke1");
        assertThat(e.session()).isEqualTo(Canonical.DEFAULT_SESSION);
        assertThat(e.seq()).isZero();
        assertThat(e.isHistory()).isFalse();
    }

    @Test
    void keepsTheOriginalTextAsItsJson() throws Exception {
        String line = "{\"event\":\"tool_use\",\"agent_id\":\"main\",\"tool\":\"Bash\"}";
        assertThat(Event.parse(line).toJson()).isEqualTo(line);
    }

    @Test
    void anObjectWithoutAStringEventIsUntyped() throws Exception {
        assertThat(Event.parse("{\"hook_event_name\":\"PreToolUse\"}").isTyped()).isFalse();
        assertThat(Event.parse("{\"event\":42}").type()).isEmpty();
    }

    @Test
    void refusesWhatIsNotOneStrictObject() {
        for (String bad : new String[] {"", "   ", "[1,2,3]", "\"just a string\"", "null",
                "{\"event\":\"x\"} trailing", "{event:'x'}", "{\"ts\":\"a\",\"event\":\"agent_spawn\",\"id\":\"trunc"}) {
            assertThatThrownBy(() -> Event.parse(bad)).as(bad).isInstanceOf(EventFormatException.class);
        }
    }

    @Test
    void refusesDeepNestingWithoutOverflowingTheStack() {
        String deep = "{\"event\":\"agent_spawn\",\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertThatThrownBy(() -> Event.parse(deep)).isInstanceOf(EventFormatException.class);
    }

    @Test
    void derivedCopiesKeepTheOriginalUnchanged() throws Exception {
        Event e = Event.parse("{\"event\":\"agent_done\",\"id\":\"a\"}");
        Event changed = e.toBuilder().put(Canonical.OUTCOME, "stale").build();
        assertThat(e.has(Canonical.OUTCOME)).isFalse();
        assertThat(changed.string(Canonical.OUTCOME)).isEqualTo("stale");
        assertThat(e.asHistory().isHistory()).isTrue();
    }

    @Test
    void nothingChangesAnEventBehindItsText() throws Exception {
        Event e = Event.parse("{\"event\":\"agent_spawn\",\"id\":\"a\",\"tokens\":{\"output\":1}}");
        String text = e.toJson();
        e.json().addProperty("id", "forged");
        e.object("tokens").addProperty("output", 99);
        e.get("tokens").getAsJsonObject().addProperty("input", 5);
        com.google.gson.JsonObject given = new com.google.gson.JsonObject();
        given.addProperty("event", "tool_use");
        Event wrapped = Event.of(given);
        given.addProperty("tool", "forged");
        com.google.gson.JsonObject tokens = new com.google.gson.JsonObject();
        Event.Builder builder = Event.builder("agent_done").put("tokens", tokens);
        Event built = builder.build();
        tokens.addProperty("output", 99);
        assertThat(e.string("id")).isEqualTo("a");
        assertThat(e.toJson()).isEqualTo(text).isEqualTo(e.json().toString());
        assertThat(wrapped.has("tool")).isFalse();
        assertThat(built.object("tokens").size()).isZero();
        assertThatThrownBy(() -> builder.put("id", "late")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyOneSequencerNumbersEvents() throws Exception {
        Event e = Event.parse("{\"event\":\"agent_done\",\"id\":\"a\"}");
        Event.Sequencer sequencer = Event.sequencer();
        assertThat(sequencer.number(e, 7).asHistory().seq()).isEqualTo(7);
        assertThat(e.seq()).isZero();
        assertThatThrownBy(Event::sequencer).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void builderSetsTypeAndTime() {
        Event e = Event.builder(Canonical.TOOL_USE).put(Canonical.AGENT_ID, "main").put(Canonical.TOOL, (String) null).build();
        assertThat(e.type()).isEqualTo(Canonical.TOOL_USE);
        assertThat(e.has(Canonical.TS)).isTrue();
        assertThat(e.has(Canonical.TOOL)).isFalse();
    }

    @Test
    void theSizeHintIsWithinAFactorOfTwoOfWhatAParsedLineHolds() throws Exception {
        // A real PostToolUse payload as the hook writes it, and a small canonical event.
        String real = "{\"session_id\":\"3f1c2a9e-5b7d-4e21-9a0c-1d2e3f4a5b6c\",\"transcript_path\":\"/home/dev/.claude/projects/-home-dev-shop/3f1c2a9e.jsonl\","
                + "\"cwd\":\"/home/dev/shop\",\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"npm test -- --filter cart\","
                + "\"description\":\"Run the cart tests\"},\"tool_response\":{\"stdout\":\"" + "PASS src/cart.test.ts ".repeat(30)
                + "\",\"stderr\":\"\",\"interrupted\":false},\"tool_use_id\":\"toolu_01ABCDEFGHIJKLMNOPQRSTUV\",\"agentgraph_received\":\"2026-12-01T10:00:00.000Z\"}";
        String small = "{\"event\":\"tool_use\",\"session_id\":\"s3\",\"agent_id\":\"a17\",\"tool\":\"Bash\",\"tool_use_id\":\"t12345\",\"summary\":\"npm test --filter case-12345\"}";
        for (String line : new String[] {real, small}) {
            int n = 20_000;
            java.util.List<Event> keep = new java.util.ArrayList<>(n);
            long before = usedAfterGc();
            for (int i = 0; i < n; i++) {
                keep.add(Event.parse(new String(line.toCharArray())));
            }
            long perEvent = (usedAfterGc() - before) / n;
            int hint = keep.get(0).sizeHint();
            assertThat((double) hint).as("hint %d for %d bytes measured (%d chars)", hint, perEvent, line.length())
                    .isBetween(perEvent / 2.0, perEvent * 2.0);
        }
    }

    private static long usedAfterGc() {
        Runtime r = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc(); // a full collection, done when it returns
        }
        return r.totalMemory() - r.freeMemory();
    }
}
