package dev.agentgraph.plugins.claudecode;

import dev.agentgraph.api.ConfigException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * USD per million tokens, per model family. A model belongs to the longest family name it
 * contains ({@code claude-haiku-4-5-20251001} and {@code haiku} are both {@code haiku}), so a
 * configuration may add a finer family such as {@code sonnet-5-5} beside the defaults.
 *
 * <p>The defaults are Anthropic's list prices (platform.claude.com/docs/en/about-claude/pricing,
 * read 2026-11-24) for the current generation of each family: Opus 4.5 to 5, Sonnet 4.x,
 * Haiku 4.5. Configuration keys: {@code plugin.claude-code.pricing.<family>.<kind>}.
 */
final class Pricing {

    /** One family's prices, USD per million tokens. */
    record Prices(double input, double cacheWrite5m, double cacheWrite1h, double cacheRead, double output) {

        double cost(Tokens t) {
            return (t.input() * input + t.cacheWrite5m() * cacheWrite5m + t.cacheWrite1h() * cacheWrite1h
                    + t.cacheRead() * cacheRead + t.output() * output) / 1_000_000.0;
        }
    }

    static final String[] KINDS = {"input", "cache-write-5m", "cache-write-1h", "cache-read", "output"};

    private static final Map<String, Prices> DEFAULTS = Map.of(
            "opus", new Prices(5.00, 6.25, 10.00, 0.50, 25.00),
            "sonnet", new Prices(3.00, 3.75, 6.00, 0.30, 15.00),
            "haiku", new Prices(1.00, 1.25, 2.00, 0.10, 5.00));

    private final Map<String, Prices> families;

    private Pricing(Map<String, Prices> families) {
        this.families = families;
    }

    static Pricing defaults() {
        return new Pricing(new HashMap<>(DEFAULTS));
    }

    /**
     * The defaults overridden by {@code table} (keys {@code <family>.<kind>}, as given by
     * {@code PluginConfig.withPrefix("pricing.")}). A new family must name all five kinds. A bad entry
     * is refused with {@code invalid(key, problem)}.
     */
    static Pricing from(Map<String, String> table, BiFunction<String, String, ConfigException> invalid) {
        Map<String, double[]> given = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : table.entrySet()) {
            String key = e.getKey();
            int dot = key.lastIndexOf('.');
            int kind = dot < 1 ? -1 : kindIndex(key.substring(dot + 1));
            if (kind < 0) {
                throw invalid.apply(key,
                        "expected <family>.<input|cache-write-5m|cache-write-1h|cache-read|output>");
            }
            double value;
            try {
                value = Double.parseDouble(e.getValue().trim());
            } catch (NumberFormatException ex) {
                throw invalid.apply(key, "not a number of USD per million tokens: " + e.getValue());
            }
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw invalid.apply(key, "must be a non-negative number");
            }
            String family = key.substring(0, dot).toLowerCase(Locale.ROOT);
            given.computeIfAbsent(family, Pricing::base)[kind] = value;
        }
        Map<String, Prices> families = new HashMap<>(DEFAULTS);
        for (Map.Entry<String, double[]> e : given.entrySet()) {
            double[] v = e.getValue();
            for (int i = 0; i < v.length; i++) {
                if (Double.isNaN(v[i])) {
                    throw invalid.apply(e.getKey() + "." + KINDS[i], "missing for a new family");
                }
            }
            families.put(e.getKey(), new Prices(v[0], v[1], v[2], v[3], v[4]));
        }
        return new Pricing(families);
    }

    /** The prices of a model, or {@code null} when no family matches it. */
    Prices forModel(String model) {
        if (model == null) {
            return null;
        }
        String m = model.toLowerCase(Locale.ROOT);
        String best = null;
        for (String family : families.keySet()) {
            if (m.contains(family) && (best == null || family.length() > best.length())) {
                best = family;
            }
        }
        return best == null ? null : families.get(best);
    }

    private static double[] base(String family) {
        Prices p = DEFAULTS.get(family);
        if (p == null) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        }
        return new double[] {p.input(), p.cacheWrite5m(), p.cacheWrite1h(), p.cacheRead(), p.output()};
    }

    private static int kindIndex(String kind) {
        for (int i = 0; i < KINDS.length; i++) {
            if (KINDS[i].equals(kind)) {
                return i;
            }
        }
        return -1;
    }
}
