package dev.agentgraph.server;

import java.util.concurrent.atomic.AtomicBoolean;

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
 */
public final class StartupWarmUp {

    private static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private StartupWarmUp() {
    }

    /** Starts the warm-up once; returns at once. */
    public static void start() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
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
            Class.forName("org.eclipse.jetty.http.MimeTypes", true, StartupWarmUp.class.getClassLoader());
            Class.forName("org.eclipse.jetty.server.Server", true, StartupWarmUp.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // Only time is at stake: the server loads these itself when it starts.
        }
    }
}
