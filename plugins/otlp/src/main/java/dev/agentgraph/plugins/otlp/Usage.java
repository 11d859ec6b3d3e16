package dev.agentgraph.plugins.otlp;

import com.google.gson.JsonObject;

/**
 * Tokens and cost summed over requests, in the canonical {@code tokens} shape. OTLP does not say
 * which cache lifetime a cache write bought, so cache writes count as {@code cache_write_5m}
 * (Claude Code's default).
 */
final class Usage {

    long input;
    long output;
    long cacheRead;
    long cacheWrite;
    double costUsd;
    boolean priced;

    /** Adds one request's figures; a missing or negative figure adds nothing. */
    void add(double in, double out, double read, double write, double cost) {
        input += count(in);
        output += count(out);
        cacheRead += count(read);
        cacheWrite += count(write);
        if (cost >= 0) {
            costUsd += cost;
            priced = true;
        }
    }

    boolean isEmpty() {
        return input == 0 && output == 0 && cacheRead == 0 && cacheWrite == 0 && !priced;
    }

    JsonObject tokens() {
        JsonObject t = new JsonObject();
        t.addProperty("input", input);
        t.addProperty("cache_write_5m", cacheWrite);
        t.addProperty("cache_write_1h", 0);
        t.addProperty("cache_read", cacheRead);
        t.addProperty("output", output);
        return t;
    }

    /** The cost rounded to a millionth of a dollar, as the other producers give it. */
    double roundedCost() {
        return Math.round(costUsd * 1e6) / 1e6;
    }

    private static long count(double d) {
        return d > 0 && d < 1e15 ? (long) d : 0;
    }
}
