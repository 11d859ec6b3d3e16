package dev.agentgraph.plugins.claudecode;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Token counts of one request or a sum of them, split the way they are priced. */
record Tokens(long input, long cacheWrite5m, long cacheWrite1h, long cacheRead, long output) {

    static final Tokens ZERO = new Tokens(0, 0, 0, 0, 0);

    /**
     * Reads an Anthropic {@code usage} object. Cache writes without the 5-minute/1-hour split are
     * counted as 5-minute writes, the default lifetime.
     */
    static Tokens fromUsage(JsonObject usage) {
        if (usage == null) {
            return null;
        }
        long creation = count(usage, "cache_creation_input_tokens");
        long fiveMinutes = creation;
        long oneHour = 0;
        JsonElement split = usage.get("cache_creation");
        if (split != null && split.isJsonObject()) {
            long m5 = count(split.getAsJsonObject(), "ephemeral_5m_input_tokens");
            long h1 = count(split.getAsJsonObject(), "ephemeral_1h_input_tokens");
            if (m5 + h1 > 0) {
                fiveMinutes = m5;
                oneHour = h1;
            }
        }
        return new Tokens(count(usage, "input_tokens"), fiveMinutes, oneHour,
                count(usage, "cache_read_input_tokens"), count(usage, "output_tokens"));
    }

    Tokens plus(Tokens other) {
        return new Tokens(input + other.input, cacheWrite5m + other.cacheWrite5m, cacheWrite1h + other.cacheWrite1h,
                cacheRead + other.cacheRead, output + other.output);
    }

    long total() {
        return input + cacheWrite5m + cacheWrite1h + cacheRead + output;
    }

    /** The {@code tokens} member of {@code agent_done}. */
    JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("input", input);
        o.addProperty("cache_write_5m", cacheWrite5m);
        o.addProperty("cache_write_1h", cacheWrite1h);
        o.addProperty("cache_read", cacheRead);
        o.addProperty("output", output);
        return o;
    }

    private static long count(JsonObject o, String field) {
        JsonElement e = o.get(field);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            return 0;
        }
        return Math.max(0, e.getAsLong());
    }
}
