package dev.agentgraph.plugins.claudecode;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The running bill of one transcript: what it used so far and where reading stopped. Claude Code
 * writes one line per content block, each repeating its message's usage, so each message (by
 * {@code message.id}, else the line's {@code requestId}) counts once, with the last usage written
 * for it. Recent messages are remembered to correct their sum when a later line repeats them;
 * past {@link #RECENT} the oldest are taken as final, so the footprint stays fixed however long
 * the transcript grows. Used by one thread at a time.
 */
final class TranscriptTally {
    private static final int RECENT = 4096;

    /** One message's part of the sum, kept while it may still be repeated. */
    private record Part(Tokens tokens, double cost, boolean priced) {
    }

    private final Pricing pricing;
    private final String fallbackModel;
    private final Map<String, Part> recent = new LinkedHashMap<>();
    private Tokens tokens = Tokens.ZERO;
    private double cost;
    private int unpriced;
    private int anonymous;
    private String lastModel;
    /** Bytes of the file already read: always the end of a whole line. */
    long offset;
    /** A part of the transcript was never read (over the byte cap). */
    boolean partial;

    TranscriptTally(Pricing pricing, String fallbackModel) {
        this.pricing = pricing;
        this.fallbackModel = fallbackModel;
        this.lastModel = fallbackModel;
    }

    /** Counts one parsed transcript line; lines that are no assistant message with usage are passed over. */
    void add(JsonObject line, boolean skipSidechain) {
        if (!"assistant".equals(Texts.string(line, "type"))) {
            return;
        }
        if (skipSidechain && line.has("isSidechain") && line.get("isSidechain").isJsonPrimitive()
                && line.get("isSidechain").getAsBoolean()) {
            return; // a sub-agent's message in an old session transcript: billed with the sub-agent
        }
        JsonElement m = line.get("message");
        if (m == null || !m.isJsonObject()) {
            return;
        }
        JsonObject message = m.getAsJsonObject();
        JsonElement usage = message.get("usage");
        if (usage == null || !usage.isJsonObject()) {
            return;
        }
        String model = Texts.bound(Texts.string(message, "model"), Texts.NAME);
        if (model != null && !model.startsWith("<")) { // "<synthetic>" messages name no real model
            lastModel = model;
        } else {
            model = fallbackModel;
        }
        String id = Texts.string(message, "id");
        if (id == null) {
            id = Texts.string(line, "requestId");
        }
        if (id == null) {
            id = "#" + anonymous++;
        }
        Tokens t = Tokens.fromUsage(usage.getAsJsonObject());
        Pricing.Prices prices = pricing.forModel(model);
        Part part = new Part(t, prices == null ? 0 : prices.cost(t), prices != null);
        Part before = recent.remove(id);
        if (before != null) {
            subtract(before);
        }
        recent.put(id, part);
        tokens = tokens.plus(part.tokens());
        cost += part.cost();
        unpriced += part.priced() ? 0 : 1;
        if (recent.size() > RECENT) {
            Iterator<Part> it = recent.values().iterator();
            it.next();
            it.remove();
        }
    }

    private void subtract(Part p) {
        Tokens t = p.tokens();
        tokens = new Tokens(tokens.input() - t.input(), tokens.cacheWrite5m() - t.cacheWrite5m(),
                tokens.cacheWrite1h() - t.cacheWrite1h(), tokens.cacheRead() - t.cacheRead(),
                tokens.output() - t.output());
        cost -= p.cost();
        unpriced -= p.priced() ? 0 : 1;
    }

    /** The model the transcript last named, or the fallback. */
    String lastModel() {
        return lastModel;
    }

    /** The totals so far; the cost is null when a message's model has no price. */
    TranscriptTotals totals() {
        return new TranscriptTotals(tokens, unpriced > 0 ? null : cost, lastModel, partial);
    }
}
