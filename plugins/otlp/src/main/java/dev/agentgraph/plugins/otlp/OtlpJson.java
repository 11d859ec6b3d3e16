package dev.agentgraph.plugins.otlp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * OTLP's JSON encoding: protobuf's JSON mapping (lowerCamelCase keys, enums as numbers, 64-bit
 * integers as strings or numbers) except that trace and span ids are hex strings, not base64.
 * The ids are turned into base64 and the rest is left to protobuf's own {@link JsonFormat}.
 */
final class OtlpJson {

    private static final Set<String> ID_FIELDS = Set.of("traceId", "spanId", "parentSpanId",
            "trace_id", "span_id", "parent_span_id");
    /** OTLP nests a few levels (plus attribute values); anything deeper is refused unread. */
    private static final int MAX_DEPTH = 64;
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    private OtlpJson() {
    }

    /** Fills {@code builder} from an OTLP JSON text; throws with a short reason when it is not one. */
    static void merge(String json, Message.Builder builder) throws InvalidProtocolBufferException {
        JsonElement tree;
        try {
            tree = JsonParser.parseString(json);
        } catch (JsonParseException | StackOverflowError e) {
            throw new InvalidProtocolBufferException("not JSON");
        }
        if (!tree.isJsonObject()) {
            throw new InvalidProtocolBufferException("expected a JSON object");
        }
        hexIdsToBase64(tree.getAsJsonObject());
        try {
            PARSER.merge(tree.toString(), builder);
        } catch (RuntimeException e) {
            // JsonFormat reports most mismatches as InvalidProtocolBufferException, a few (a number
            // out of range, a bad base64 string) as runtime exceptions: all mean the body is not OTLP.
            throw new InvalidProtocolBufferException(Texts.bound(String.valueOf(e.getMessage()), Texts.MESSAGE));
        }
    }

    static String print(Message message) throws InvalidProtocolBufferException {
        return PRINTER.print(message);
    }

    /** Walks the tree without recursion, rewriting every id field in place. */
    private static void hexIdsToBase64(JsonObject root) throws InvalidProtocolBufferException {
        record Level(JsonElement element, int depth) {
        }
        Deque<Level> todo = new ArrayDeque<>();
        todo.push(new Level(root, 1));
        while (!todo.isEmpty()) {
            Level level = todo.pop();
            if (level.depth() > MAX_DEPTH) {
                throw new InvalidProtocolBufferException("nested deeper than " + MAX_DEPTH);
            }
            if (level.element().isJsonArray()) {
                for (JsonElement e : level.element().getAsJsonArray()) {
                    todo.push(new Level(e, level.depth() + 1));
                }
            } else if (level.element().isJsonObject()) {
                JsonObject o = level.element().getAsJsonObject();
                for (Map.Entry<String, JsonElement> member : o.entrySet()) {
                    JsonElement v = member.getValue();
                    if (ID_FIELDS.contains(member.getKey()) && v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()) {
                        member.setValue(new JsonPrimitive(base64(v.getAsString(), member.getKey())));
                    } else if (v.isJsonObject() || v.isJsonArray()) {
                        todo.push(new Level(v, level.depth() + 1));
                    }
                }
            }
        }
    }

    private static String base64(String hex, String field) throws InvalidProtocolBufferException {
        try {
            return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new InvalidProtocolBufferException(field + " is not a hex string");
        }
    }
}
