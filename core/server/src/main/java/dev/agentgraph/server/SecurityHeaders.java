package dev.agentgraph.server;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;

/**
 * The headers every response carries: a strict Content-Security-Policy (no inline script, no
 * framing), no MIME sniffing, no referrer (the page URL may hold the token), and no caching of
 * live data.
 */
final class SecurityHeaders {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final HttpField CSP_FIELD = new PreEncodedHttpField("Content-Security-Policy", CSP);
    private static final HttpField NOSNIFF = new PreEncodedHttpField("X-Content-Type-Options", "nosniff");
    private static final HttpField REFERRER = new PreEncodedHttpField("Referrer-Policy", "no-referrer");
    private static final HttpField FRAME = new PreEncodedHttpField("X-Frame-Options", "DENY");
    private static final HttpField NO_STORE = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-store");
    private static final HttpField NO_CACHE = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-cache");

    private SecurityHeaders() {
    }

    /** Adds the headers for a response to {@code path} (the path without its query, or null). */
    static void apply(HttpFields.Mutable headers, String path) {
        headers.put(CSP_FIELD);
        headers.put(NOSNIFF);
        headers.put(REFERRER);
        headers.put(FRAME);
        headers.put(isLiveData(path) ? NO_STORE : NO_CACHE);
    }

    /** Marks a response as not to be stored, whatever its path. */
    static void noStore(HttpFields.Mutable headers) {
        headers.put(NO_STORE);
    }

    private static boolean isLiveData(String path) {
        return path == null || path.equals("/health") || path.equals("/api") || path.startsWith("/api/");
    }
}
