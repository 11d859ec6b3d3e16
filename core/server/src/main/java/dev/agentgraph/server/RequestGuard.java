package dev.agentgraph.server;

import java.util.List;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Stands in front of everything the server answers (static files, {@code /health}, routes,
 * WebSocket upgrades) and lets a request through only when
 * <ol>
 *   <li>its single {@code Host} header is exactly one of ours (else 421),</li>
 *   <li>it carries no {@code Origin}, or exactly one of ours (else 403),</li>
 *   <li>with a token configured, it presents the token as the {@code token} query parameter, an
 *       {@code Authorization: Bearer} header or the cookie set for the page (else 401).</li>
 * </ol>
 * Every response, refused or not, gets the {@link SecurityHeaders}. No CORS header is ever sent.
 */
final class RequestGuard extends Handler.Wrapper {

    private final TokenCheck token;
    private final ServerCounters counters;
    private volatile AllowList allow;
    private volatile int port;

    RequestGuard(TokenCheck token, ServerCounters counters, Handler next) {
        super(next);
        this.token = token;
        this.counters = counters;
    }

    /** Set once the port is bound; until then every request is refused. */
    void allow(AllowList allowList, int boundPort) {
        this.port = boundPort;
        this.allow = allowList;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        SecurityHeaders.apply(response.getHeaders(), path);
        AllowList a = allow;

        List<String> hosts = request.getHeaders().getValuesList(HttpHeader.HOST);
        if (a == null || hosts.size() != 1 || !a.host(hosts.get(0))) {
            return refuse(request, response, callback, 421, ServerCounters.REFUSED_HOST,
                    "Host " + (hosts.size() > 1 ? "repeated" : ServerCounters.clean(hosts.isEmpty() ? null : hosts.get(0))));
        }
        List<String> origins = request.getHeaders().getValuesList(HttpHeader.ORIGIN);
        if (origins.size() > 1 || (origins.size() == 1 && !a.origin(origins.get(0)))) {
            return refuse(request, response, callback, 403, ServerCounters.REFUSED_ORIGIN,
                    "Origin " + (origins.size() > 1 ? "repeated" : ServerCounters.clean(origins.get(0))));
        }
        if (token.required()) {
            Credential c = credential(request);
            if (c == Credential.NONE) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
                return refuse(request, response, callback, 401, ServerCounters.REFUSED_TOKEN, "missing or wrong token");
            }
            if (c == Credential.QUERY && HttpMethod.GET.is(request.getMethod())
                    && !request.getHeaders().contains(HttpHeader.UPGRADE)) {
                // The page's own scripts and styles carry no token: let them pass on this cookie.
                Response.addCookie(response, HttpCookie.build(TokenCheck.cookieName(port), token.cookieValue())
                        .path("/").httpOnly(true).sameSite(HttpCookie.SameSite.STRICT).build());
            }
        }
        try {
            return super.handle(request, response, callback);
        } catch (Exception | Error e) {
            // Answered here, Errors too (a StackOverflowError), so that Jetty does not log the
            // request URI, whose query may hold the token, with a stack trace of every frame.
            counters.warnThrottled("request-failed", "request " + request.getMethod() + " "
                    + ServerCounters.clean(path) + " failed: " + e, null);
            if (response.isCommitted()) {
                callback.failed(e);
            } else {
                Replies.text(response, callback, 500, "internal error\n");
            }
            return true;
        }
    }

    private enum Credential { NONE, QUERY, BEARER, COOKIE }

    private Credential credential(Request request) {
        String fromQuery;
        try {
            fromQuery = Request.extractQueryParameters(request).getValue("token");
        } catch (RuntimeException badQuery) {
            fromQuery = null;
        }
        if (token.matchesToken(fromQuery)) {
            return Credential.QUERY;
        }
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && token.matchesToken(auth.substring(7).strip())) {
            return Credential.BEARER;
        }
        String cookieName = TokenCheck.cookieName(port);
        List<HttpCookie> cookies;
        try {
            cookies = Request.getCookies(request);
        } catch (RuntimeException badCookie) {
            cookies = List.of();
        }
        for (HttpCookie cookie : cookies) {
            if (cookieName.equals(cookie.getName()) && token.matchesCookie(cookie.getValue())) {
                return Credential.COOKIE;
            }
        }
        return Credential.NONE;
    }

    private boolean refuse(Request request, Response response, Callback callback, int status, String counter, String why) {
        counters.refused(counter, "refused " + request.getMethod() + " " + ServerCounters.clean(Request.getPathInContext(request))
                + " from " + Request.getRemoteAddr(request) + ": " + why + " (" + status + ")");
        SecurityHeaders.noStore(response.getHeaders());
        Replies.text(response, callback, status, "refused: " + reason(status) + "\n");
        return true;
    }

    private static String reason(int status) {
        return switch (status) {
            case 421 -> "this server does not answer to that Host";
            case 403 -> "cross-origin requests are not allowed";
            case 401 -> "a valid token is required";
            default -> "not allowed";
        };
    }
}
