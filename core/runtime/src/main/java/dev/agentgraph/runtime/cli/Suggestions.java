package dev.agentgraph.runtime.cli;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * "Did you mean": the names closest to a mistyped option or command. picocli's own suggestions
 * only match the first two letters of an option ({@code --prot} finds nothing), so closeness here
 * is the edit distance, a swap of two neighbours counting as one edit, as typos go.
 */
final class Suggestions {

    /** Longer input is not a typo of a short name; this also bounds the work. */
    private static final int MAX_LENGTH = 40;

    private Suggestions() {
    }

    /** Up to three of {@code names}, closest first, within a third of the typed length in edits. */
    static List<String> closest(String typed, Collection<String> names) {
        if (typed.length() > MAX_LENGTH) {
            return List.of();
        }
        int allowed = Math.max(1, bare(typed).length() / 3);
        return names.stream()
                .filter(n -> n.length() <= MAX_LENGTH && distance(typed, n) <= allowed)
                .sorted(Comparator.comparingInt((String n) -> distance(typed, n)).thenComparing(n -> n))
                .distinct().limit(3).toList();
    }

    private static String bare(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '-') {
            i++;
        }
        return s.substring(i);
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
