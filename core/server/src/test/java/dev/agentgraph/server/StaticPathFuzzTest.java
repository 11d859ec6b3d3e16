package dev.agentgraph.server;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Fuzzes the static-file path check (run for a bounded time in {@code mvn verify}; see
 * docs/security.md, "Fuzzing"). Any request path: the check answers at once, agrees with the
 * regular expression it replaced wherever that one could run, never admits a path that climbs,
 * hides or escapes, and a lookup never throws.
 */
class StaticPathFuzzTest {

    /** The rule as it was written before, as an oracle only: on long input it overflows the stack. */
    private static final Pattern OLD_RULE = Pattern.compile("(/[A-Za-z0-9_][A-Za-z0-9_.-]*)+");

    private final StaticFiles files = new StaticFiles(null, StaticPathFuzzTest.class.getClassLoader());

    @FuzzTest(maxDuration = "10s")
    @DictionaryEntries({"/", "..", ".", "/.", "%2e", "%2f", "\\", "//", "/app.js", "/index.html", "/sub/note.txt",
            "/vendor/d3/d3.min.js", ".hidden", "\u0000", "-", "_", "a"})
    void aPathIsSafeExactlyWhenItIsPlainSegments(byte[] input) {
        String path = new String(input, StandardCharsets.UTF_8);
        boolean safe = StaticFiles.isSafePath(path);
        if (path.length() <= StaticFiles.MAX_PATH_LENGTH) {
            check(safe == OLD_RULE.matcher(path).matches(), "agrees with the old rule on " + path);
        } else {
            check(!safe, "a path over the cap is refused");
        }
        if (safe) {
            check(path.startsWith("/") && !path.endsWith("/") && !path.contains("//") && !path.contains("/.")
                    && !path.contains("\\") && !path.contains("%") && !path.contains("\u0000"), "no traversal in " + path);
        }
        files.find(path).ifPresent(asset -> check(asset.bytes() != null && asset.contentType() != null, "a whole asset"));
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }
}
