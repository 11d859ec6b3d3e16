package dev.agentgraph.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Compares presented credentials with the configured token in constant time: both sides are
 * hashed to equal-length SHA-256 digests first, so neither the content nor the length of the token
 * leaks through timing. The browser cookie holds a value derived from the token, not the token.
 */
final class TokenCheck {

    private static final String COOKIE_PREFIX = "agentgraph_";

    private final byte[] tokenDigest;
    private final String cookieValue;
    private final byte[] cookieDigest;

    TokenCheck(String token) {
        if (token == null) {
            tokenDigest = null;
            cookieValue = null;
            cookieDigest = null;
        } else {
            tokenDigest = sha256(token);
            cookieValue = HexFormat.of().formatHex(sha256("agentgraph-cookie\u0000" + token));
            cookieDigest = sha256(cookieValue);
        }
    }

    boolean required() {
        return tokenDigest != null;
    }

    boolean matchesToken(String candidate) {
        return tokenDigest != null && candidate != null && MessageDigest.isEqual(tokenDigest, sha256(candidate));
    }

    boolean matchesCookie(String candidate) {
        return cookieDigest != null && candidate != null && MessageDigest.isEqual(cookieDigest, sha256(candidate));
    }

    /** Per port, so that two AgentGraph servers on one machine do not overwrite each other's cookie. */
    static String cookieName(int port) {
        return COOKIE_PREFIX + port;
    }

    String cookieValue() {
        return cookieValue;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
