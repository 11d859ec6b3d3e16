package dev.agentgraph.plugins.claudecode;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Sums the usage of every assistant message in a sub-agent transcript (one JSON object a line).
 * Claude Code writes one line per content block, each repeating its message's usage, so each
 * message id counts once, with the last usage written for it. At most {@code maxBytes} are read;
 * a longer transcript gives partial totals.
 */
final class TranscriptReader {

    private final Pricing pricing;
    private final long maxBytes;

    TranscriptReader(Pricing pricing, long maxBytes) {
        this.pricing = pricing;
        this.maxBytes = maxBytes;
    }

    /** Reads {@code file}; {@code fallbackModel} prices messages that name no model. */
    TranscriptTotals read(Path file, String fallbackModel) throws IOException {
        boolean partial = Files.size(file) > maxBytes;
        Map<String, Tokens> byMessage = new HashMap<>();
        Map<String, String> modelOf = new HashMap<>();
        String lastModel = fallbackModel;
        int anonymous = 0;
        try (InputStream in = Files.newInputStream(file);
             BufferedReader reader = new BufferedReader(
                     new InputStreamReader(new Limited(in, maxBytes), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonObject message = assistantMessage(line);
                if (message == null) {
                    continue;
                }
                JsonElement usage = message.get("usage");
                if (usage == null || !usage.isJsonObject()) {
                    continue;
                }
                String id = Texts.string(message, "id");
                if (id == null) {
                    id = "#" + anonymous++;
                }
                byMessage.put(id, Tokens.fromUsage(usage.getAsJsonObject()));
                String model = Texts.string(message, "model");
                if (model != null && !model.startsWith("<")) {
                    modelOf.put(id, model);
                    lastModel = model;
                }
            }
        }
        Tokens sum = Tokens.ZERO;
        double cost = 0;
        boolean priced = true;
        for (Map.Entry<String, Tokens> e : byMessage.entrySet()) {
            sum = sum.plus(e.getValue());
            Pricing.Prices prices = pricing.forModel(modelOf.getOrDefault(e.getKey(), fallbackModel));
            if (prices == null) {
                priced = false;
            } else {
                cost += prices.cost(e.getValue());
            }
        }
        return new TranscriptTotals(sum, priced ? cost : null, lastModel, partial);
    }

    /** Ends the stream after {@code limit} bytes, so that no line, however long, is read past it. */
    private static final class Limited extends FilterInputStream {
        private long left;

        Limited(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(buf, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }

    private static JsonObject assistantMessage(String line) {
        if (line.isBlank() || !line.contains("\"usage\"")) {
            return null;
        }
        try {
            JsonElement root = JsonParser.parseString(line);
            if (!root.isJsonObject() || !"assistant".equals(Texts.string(root.getAsJsonObject(), "type"))) {
                return null;
            }
            JsonElement message = root.getAsJsonObject().get("message");
            return message != null && message.isJsonObject() ? message.getAsJsonObject() : null;
        } catch (JsonParseException | IllegalStateException | StackOverflowError e) {
            return null;
        }
    }
}
