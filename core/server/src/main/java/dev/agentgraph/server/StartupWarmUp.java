package dev.agentgraph.server;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/**
 * Shortens the start of a server run. Two pieces of Jetty's static set-up cost more than the
 * rest of it together, and neither depends on anything AgentGraph reads first:
 *
 * <ul>
 *   <li>{@code MemoryUtils} asks the platform MBean server whether oops are compressed, which
 *       starts JMX (about 100 ms); setting the answer it would look for skips that. 16 references
 *       per 64-byte cache line is right for every heap under 32 GiB (the launcher caps it far
 *       below), and only sizes padding against false sharing anyway;</li>
 *   <li>{@code MimeTypes} lists every available locale (the JDK then loads its locale tables,
 *       100–200 ms); a daemon thread does it while the main thread parses the command line and
 *       loads the plugins, so on a machine with a free core it costs no time.</li>
 * </ul>
 *
 * <p>SLF4J is set up on the calling thread first. Both threads soon ask for loggers, and while one
 * thread sets SLF4J up the other is handed stand-ins, whose calls SLF4J replays later with a
 * three-line warning on stderr.
 */
public final class StartupWarmUp {

    private static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    /**
     * What the warm-up thread initialises: {@code MimeTypes} first (the locales), then the classes
     * the server's start needs whose static set-up builds tables (HTTP methods, headers,
     * compliance modes, the WebSocket extensions) or opens the JDK's selector provider. A class
     * the main thread reaches first is simply initialised there; the two never do it twice.
     */
    private static final String[] WARM = {
        "org.eclipse.jetty.http.MimeTypes", "org.eclipse.jetty.server.Server",
        "org.eclipse.jetty.http.HttpMethod", "org.eclipse.jetty.http.HttpHeader", "org.eclipse.jetty.http.HttpHeaderValue",
        "org.eclipse.jetty.http.HttpCompliance", "org.eclipse.jetty.http.UriCompliance", "org.eclipse.jetty.http.PreEncodedHttpField",
        "org.eclipse.jetty.server.HttpConfiguration", "org.eclipse.jetty.server.ServerConnector",
        "org.eclipse.jetty.server.HttpConnectionFactory", "org.eclipse.jetty.util.thread.QueuedThreadPool",
        "org.eclipse.jetty.server.handler.ErrorHandler", "org.eclipse.jetty.io.ArrayByteBufferPool",
        "org.eclipse.jetty.websocket.core.WebSocketExtensionRegistry", "org.eclipse.jetty.websocket.server.ServerWebSocketContainer",
        "org.eclipse.jetty.http.HttpParser", "org.eclipse.jetty.http.HttpGenerator",
    };

    private StartupWarmUp() {
    }

    /** Starts the warm-up once; returns at once. */
    public static void start() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        LoggerFactory.getILoggerFactory();
        if (System.getProperty(REFERENCES_PER_CACHE_LINE) == null) {
            System.setProperty(REFERENCES_PER_CACHE_LINE, "16");
        }
        Thread t = new Thread(StartupWarmUp::initialize, "agentgraph-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static void initialize() {
        try {
            for (String name : WARM) {
                Class.forName(name, true, StartupWarmUp.class.getClassLoader());
            }
            java.nio.channels.spi.SelectorProvider.provider();
        } catch (ClassNotFoundException | LinkageError e) {
            // Only time is at stake: the server loads these itself when it starts.
        }
    }
}
