package dev.agentgraph.plugins.tools;

import com.google.gson.JsonObject;

/** The calls of one tool (or skill) by one agent: total, failures and recent rate. */
final class ToolCount {

    long count;
    long failed;
    final RecentRate rate = new RecentRate();

    JsonObject toJson(long nowSecond) {
        JsonObject o = new JsonObject();
        o.addProperty("count", count);
        if (failed > 0) {
            o.addProperty("failed", failed);
        }
        o.addProperty("rate", Math.round(rate.perSecond(nowSecond) * 100) / 100.0);
        return o;
    }
}
