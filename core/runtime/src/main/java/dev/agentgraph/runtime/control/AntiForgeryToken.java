package dev.agentgraph.runtime.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A secret made fresh by each server, which the page reads from {@code GET /api/control} (a
 * foreign page cannot: no CORS header is ever sent, the Origin and Host checks refuse it) and
 * sends back as {@link #HEADER} with each action. A cross-site form cannot set a header, and a
 * cross-site {@code fetch} that sets one needs a preflight the server never grants.
 */
final class AntiForgeryToken {

    static final String HEADER = "X-AgentGraph-Control";

    private final String value;

    AntiForgeryToken(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        this.value = HexFormat.of().formatHex(bytes);
    }

    String value() {
        return value;
    }

    /** Compared as SHA-256 digests with {@link MessageDigest#isEqual}: the time taken says nothing of where they differ. */
    boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest(presented), digest(value));
    }

    private static byte[] digest(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
