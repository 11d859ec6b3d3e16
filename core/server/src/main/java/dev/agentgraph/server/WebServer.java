package dev.agentgraph.server;

import dev.agentgraph.api.HttpRoute;
import dev.agentgraph.api.Routes;
import java.net.BindException;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AgentGraph's embedded HTTP and WebSocket server (Jetty 12, core API). It answers
 * {@code GET /health}, serves the page and D3, and whatever is mounted through {@link #routes()};
 * a {@link RequestGuard} in front of all of it refuses foreign {@code Host} and {@code Origin}
 * headers and, when a token is configured, requests without it.
 *
 * <pre>{@code
 * try (WebServer server = WebServer.newServer(ServerSettings.defaults().withPort(0))) {
 *     server.routes().http("GET", "/api/stats", 0, request -> HttpResponse.json(200, "{}"));
 *     server.start();
 *     // http://127.0.0.1:<server.port()>/
 * }
 * }</pre>
 */
public final class WebServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    private static final long STOP_TIMEOUT_MS = 2_000;
    private static final int HTTP_IDLE_TIMEOUT_MS = 30_000;

    private final ServerSettings settings;
    private final UploadLimits uploadLimits;
    private final ServerCounters counters = new ServerCounters();
    private final RouteTable routes = new RouteTable();
    private final TokenCheck token;
    private Server server;
    private ServerConnector connector;
    private boolean closed;

    private WebServer(ServerSettings settings, UploadLimits uploadLimits) {
        this.settings = settings;
        this.uploadLimits = uploadLimits;
        this.token = new TokenCheck(settings.token());
    }

    /**
     * A server for these settings, not started yet.
     *
     * @throws IllegalArgumentException when the host is not a loopback address and no token is set
     */
    public static WebServer newServer(ServerSettings settings) {
        return newServer(settings, UploadLimits.DEFAULTS);
    }

    /** A server with other upload limits than the defaults (tests use short deadlines). */
    static WebServer newServer(ServerSettings settings, UploadLimits uploadLimits) {
        Objects.requireNonNull(settings, "settings");
        if (settings.token() == null && !Loopback.isLoopback(settings.host())) {
            throw new IllegalArgumentException("refusing to listen on " + settings.host()
                    + " without a token: set server.token, or keep server.host at 127.0.0.1");
        }
        return new WebServer(settings, Objects.requireNonNull(uploadLimits, "uploadLimits"));
    }

    /** Where the runtime and plugins mount their routes; usable before and after {@link #start()}. */
    public Routes routes() {
        return routes;
    }

    /**
     * Serves {@code method} requests for every path under {@code prefix} (ending with {@code /}),
     * for the runtime's own routes whose paths carry ids ({@code /api/agents/S/A/stop}). Not
     * offered to plugins: their routes are exact paths.
     */
    public void httpUnder(String method, String prefix, long maxBodyBytes, HttpRoute route) {
        routes.httpUnder(method, prefix, maxBodyBytes, route);
    }

    /**
     * Binds the port and starts serving.
     *
     * @throws ServerStartException with a one-line message, e.g. "port 8201 on 127.0.0.1 is already in use"
     */
    public synchronized void start() throws ServerStartException {
        if (server != null || closed) {
            throw new IllegalStateException(closed ? "the server is closed" : "the server is already started");
        }
        QueuedThreadPool pool = new QueuedThreadPool(64, 2);
        pool.setName("agentgraph-http");
        Server s = new Server(pool);
        s.setStopTimeout(STOP_TIMEOUT_MS);
        s.setErrorHandler(new GuardedErrorHandler());

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector c = new ServerConnector(s, 1, 1, new HttpConnectionFactory(http));
        c.setHost(Loopback.stripBrackets(settings.host()));
        c.setPort(settings.port());
        c.setIdleTimeout(HTTP_IDLE_TIMEOUT_MS);
        s.addConnector(c);

        ServerWebSocketContainer container = ServerWebSocketContainer.ensure(s);
        WebSockets.configure(container, settings.maxWebSocketMessageBytes());
        AppHandler app = new AppHandler(routes, new RouteRunner(counters, uploadLimits),
                new WebSockets(settings.maxWebSockets(), counters),
                new StaticFiles(settings.webRoot(), WebServer.class.getClassLoader()));
        app.container(container);
        RequestGuard guard = new RequestGuard(token, counters, app);
        s.setHandler(guard);

        try {
            c.open(); // bind first: the allow-list needs the actual port before the first request
            guard.allow(AllowList.of(settings.host(), settings.allowedHosts(), c.getLocalPort()), c.getLocalPort());
            s.start();
        } catch (Exception e) {
            stopQuietly(s);
            throw new ServerStartException(startFailure(e), e);
        }
        server = s;
        connector = c;
        LOG.info("listening on http://{}:{}/{}", Loopback.asHostHeader(settings.host()), c.getLocalPort(),
                token.required() ? " (token required)" : "");
    }

    private String startFailure(Exception e) {
        String where = "port " + settings.port() + " on " + settings.host();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                String m = String.valueOf(t.getMessage());
                if (m.toLowerCase(java.util.Locale.ROOT).contains("in use")) {
                    return where + " is already in use";
                }
                return "cannot listen on " + where + ": " + oneLine(m);
            }
            if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "cannot listen on " + where + ": unknown host " + settings.host();
            }
        }
        return "cannot start the server on " + where + ": " + oneLine(String.valueOf(e.getMessage()));
    }

    private static String oneLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The actual port once started (the settings may say 0), else the configured one. */
    public synchronized int port() {
        return connector != null ? connector.getLocalPort() : settings.port();
    }

    /** The host the server binds to, as configured. */
    public String host() {
        return settings.host();
    }

    /**
     * The server's counters, for {@code /api/stats}: refusals by reason ({@code refused_host},
     * {@code refused_origin}, {@code refused_token}, {@code refused_websocket_limit},
     * {@code refused_body_too_large}, {@code refused_upload_limit}), {@code upload_timeouts},
     * {@code route_errors}, {@code websockets_accepted}, {@code websocket_errors} and the gauges
     * {@code websockets_open} and {@code uploads_open}. A fresh, unmodifiable map.
     */
    public Map<String, Long> counters() {
        return counters.snapshot();
    }

    /** Stops the server within a few seconds, closing open WebSockets (1001). Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (server != null) {
            stopQuietly(server);
            server = null;
        }
    }

    private static void stopQuietly(Server s) {
        try {
            s.stop();
        } catch (Exception e) {
            LOG.warn("the server did not stop cleanly: {}", e.toString());
        }
    }
}
