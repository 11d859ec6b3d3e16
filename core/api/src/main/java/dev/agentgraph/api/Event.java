package dev.agentgraph.api;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One event: a JSON object, as written on one line of the event file, whose string member
 * {@code event} names its type. The canonical types and fields are in {@link Canonical}; any other
 * type passes through the pipeline untouched, so a new producer needs no change to the core.
 *
 * <p>An object without a string {@code event} is <em>untyped</em> ({@link #type()} is empty): a
 * foreign payload that a decoding reducer may recognise by other members (the Claude Code decoder
 * knows {@code hook_event_name}). Untyped events still untyped after the last reducer are dropped
 * and counted, never sent to sinks.
 *
 * <p>An event is immutable: nothing can change it behind its cached text. {@link #json()},
 * {@link #object} and {@link #get} hand out copies; {@link #of(JsonObject)} and the builder keep
 * copies of what they are given. Use {@link #toBuilder()} to make a changed event.
 *
 * <p>Besides its JSON, an event carries two pipeline attributes that are not part of the JSON: its
 * sequence number, given as it leaves the reducers (only by the runtime: {@link #sequencer()}),
 * and whether it is history (replayed at start to rebuild state; reducers see it, sinks do not).
 */
public final class Event {

    /** Numbers events as they leave the last reducer. */
    public interface Sequencer {
        /** {@code event} with the sequence number {@code seq}. */
        Event number(Event event, long seq);
    }

    private static final AtomicBoolean SEQUENCER_TAKEN = new AtomicBoolean();

    /** Deeper JSON is refused: Claude Code payloads are shallow, and deep nesting is an attack. */
    public static final int MAX_NESTING = 64;

    private final JsonObject json;
    private final String type;
    private final long seq;
    private final boolean history;
    private volatile String text;

    private Event(JsonObject json, String type, long seq, boolean history, String text) {
        this.json = json;
        this.type = type;
        this.seq = seq;
        this.history = history;
        this.text = text;
    }

    /**
     * Parses one line strictly: exactly one JSON object, nesting at most {@link #MAX_NESTING}
     * deep.
     */
    public static Event parse(String line) throws EventFormatException {
        Objects.requireNonNull(line, "line");
        JsonElement element;
        try (JsonReader reader = new JsonReader(new StringReader(line))) {
            reader.setStrictness(Strictness.STRICT);
            reader.setNestingLimit(MAX_NESTING);
            element = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new EventFormatException("trailing data after the JSON value");
            }
        } catch (JsonParseException | IOException | IllegalStateException e) {
            throw new EventFormatException("not valid JSON: " + firstLine(e.getMessage()), e);
        } catch (StackOverflowError e) {
            throw new EventFormatException("JSON nested too deeply");
        }
        if (!element.isJsonObject()) {
            throw new EventFormatException("not a JSON object");
        }
        return of(element.getAsJsonObject(), line);
    }

    /** An event of a copy of {@code json}: changing {@code json} afterwards does not change the event. */
    public static Event of(JsonObject json) {
        return of(json.deepCopy(), null);
    }

    /**
     * The one {@link Sequencer}, for the pipeline that numbers events; a second call throws
     * {@link IllegalStateException}, so that no plugin can number (or renumber) an event.
     */
    public static Sequencer sequencer() {
        if (!SEQUENCER_TAKEN.compareAndSet(false, true)) {
            throw new IllegalStateException("events are numbered by the pipeline alone");
        }
        return (event, seq) -> new Event(event.json, event.type, seq, event.history, event.text);
    }

    /**
     * An event of this tree and its JSON text, taking the tree over without a copy: for
     * {@link HookLine} alone, which builds a line from a payload's own tree and never changes it.
     */
    static Event adopt(JsonObject json, String text) {
        return of(json, text);
    }

    /** This event's own tree, not a copy: for {@link HookLine} alone, which only reads it. */
    JsonObject tree() {
        return json;
    }

    private static Event of(JsonObject json, String text) {
        JsonElement type = json.get(Canonical.EVENT);
        boolean typed = type != null && type.isJsonPrimitive() && type.getAsJsonPrimitive().isString();
        return new Event(json, typed ? type.getAsString() : "", 0, false, text);
    }

    /** Starts a new event of the given type with {@code ts} set to now. */
    public static Builder builder(String type) {
        return new Builder(new JsonObject()).put(Canonical.EVENT, type).put(Canonical.TS, Instant.now().toString());
    }

    /** The {@code event} member ({@code agent_spawn}, {@code tool_use}, …), or "" if untyped. */
    public String type() {
        return type;
    }

    /** Whether the event has a string {@code event} member. */
    public boolean isTyped() {
        return !type.isEmpty();
    }

    /** A copy of the event's JSON object: change it at will, the event stays as it was. */
    public JsonObject json() {
        return json.deepCopy();
    }

    /** A copy of a member, or {@code null} when absent. */
    public JsonElement get(String field) {
        JsonElement e = json.get(field);
        return e == null ? null : e.deepCopy();
    }

    public boolean has(String field) {
        JsonElement e = json.get(field);
        return e != null && !e.isJsonNull();
    }

    /** The member as a string if it is a JSON string or number, else {@code null}. */
    public String string(String field) {
        JsonElement e = json.get(field);
        if (e == null || !e.isJsonPrimitive()) {
            return null;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        return p.isString() || p.isNumber() ? p.getAsString() : null;
    }

    public String string(String field, String fallback) {
        String s = string(field);
        return s == null ? fallback : s;
    }

    /** The member as a number if it is a JSON number (or a numeric string), else {@code fallback}. */
    public double number(String field, double fallback) {
        JsonElement e = json.get(field);
        if (e == null || !e.isJsonPrimitive()) {
            return fallback;
        }
        try {
            return e.getAsDouble();
        } catch (NumberFormatException | UnsupportedOperationException ex) {
            return fallback;
        }
    }

    /** The member as a boolean if it is a JSON boolean, else {@code fallback}. */
    public boolean bool(String field, boolean fallback) {
        JsonElement e = json.get(field);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean() ? e.getAsBoolean() : fallback;
    }

    /** A copy of the member if it is an object, or {@code null}. */
    public JsonObject object(String field) {
        JsonElement e = json.get(field);
        return e != null && e.isJsonObject() ? e.getAsJsonObject().deepCopy() : null;
    }

    /** The session this event belongs to: {@code session_id}, or {@link Canonical#DEFAULT_SESSION}. */
    public String session() {
        String s = string(Canonical.SESSION_ID);
        return s == null || s.isEmpty() ? Canonical.DEFAULT_SESSION : s;
    }

    /** The sequence number given by the pipeline, or 0 before the event left the reducers. */
    public long seq() {
        return seq;
    }

    /** Whether this event was replayed to rebuild state and must not reach sinks as new. */
    public boolean isHistory() {
        return history;
    }

    /** This event marked as history. */
    public Event asHistory() {
        return history ? this : new Event(json, type, seq, true, text);
    }

    /**
     * About how many bytes of heap this event holds, for bounding queues by memory rather than by
     * count alone: from the length of its JSON text when it has one (a parsed line keeps its
     * text, and its tree costs about six bytes per character of it: measured in EventTest), else
     * {@link #SIZE_UNKNOWN}. Cheap: it never writes the text.
     */
    public int sizeHint() {
        String t = text;
        return t == null ? SIZE_UNKNOWN : (int) Math.min(Integer.MAX_VALUE, 512L + 6L * t.length());
    }

    /** The size hint of an event whose text was never needed: a canonical event of a few fields. */
    public static final int SIZE_UNKNOWN = 2048;

    /** The compact JSON text of the event, computed once. */
    public String toJson() {
        String t = text;
        if (t == null) {
            t = json.toString();
            text = t;
        }
        return t;
    }

    /** A builder holding a deep copy of this event's JSON. */
    public Builder toBuilder() {
        Builder b = new Builder(json.deepCopy());
        b.history = history;
        return b;
    }

    @Override
    public String toString() {
        return (seq > 0 ? "#" + seq + " " : "") + toJson();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed";
        }
        int nl = message.indexOf('\n');
        String first = nl < 0 ? message : message.substring(0, nl);
        String bounded = first.length() > 200 ? first.substring(0, 200) + "…" : first;
        // The parser quotes the input (a malformed escape, say), and the line goes to the log: no
        // carriage return or other control character may pass. (Found by EventParseFuzzTest.)
        StringBuilder clean = new StringBuilder(bounded.length());
        for (int i = 0; i < bounded.length(); i++) {
            char c = bounded.charAt(i);
            clean.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
        }
        return clean.toString();
    }

    /**
     * Builds an event. {@code null} values are left out; a JSON value is copied as it is put.
     * A builder builds once: a {@code put} after {@link #build()} throws {@link IllegalStateException}.
     */
    public static final class Builder {
        private final JsonObject json;
        private boolean history;
        private boolean built;

        private Builder(JsonObject json) {
            this.json = json;
        }

        public Builder put(String field, String value) {
            open();
            if (value != null) {
                json.addProperty(field, value);
            }
            return this;
        }

        public Builder put(String field, Number value) {
            open();
            if (value != null) {
                json.addProperty(field, value);
            }
            return this;
        }

        public Builder put(String field, Boolean value) {
            open();
            if (value != null) {
                json.addProperty(field, value);
            }
            return this;
        }

        public Builder put(String field, JsonElement value) {
            open();
            if (value != null) {
                json.add(field, value.deepCopy());
            }
            return this;
        }

        public Builder remove(String field) {
            open();
            json.remove(field);
            return this;
        }

        public Builder ts(Instant ts) {
            return put(Canonical.TS, ts.toString());
        }

        public Builder history(boolean isHistory) {
            this.history = isHistory;
            return this;
        }

        public Event build() {
            JsonElement type = json.get(Canonical.EVENT);
            if (type == null || !type.isJsonPrimitive() || !type.getAsJsonPrimitive().isString()) {
                throw new IllegalStateException("an event needs a string member \"event\"");
            }
            built = true;
            return new Event(json, type.getAsString(), 0, history, null);
        }

        private void open() {
            if (built) {
                throw new IllegalStateException("this builder has built its event; use toBuilder() for another");
            }
        }
    }
}
