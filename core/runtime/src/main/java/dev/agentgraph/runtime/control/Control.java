package dev.agentgraph.runtime.control;

import dev.agentgraph.api.Emitter;
import dev.agentgraph.runtime.pipeline.ComponentStats;
import dev.agentgraph.runtime.pipeline.Guard;
import dev.agentgraph.runtime.pipeline.Pipeline;
import dev.agentgraph.runtime.pipeline.ReducerStage;
import dev.agentgraph.server.WebServer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up control for one AgentGraph (docs/control.md): the {@link ControlBook} given to every
 * component, the routes (mounted whether control is on or off, so that off answers 403 rather
 * than 404), a clean control folder (on or off), and, when on, the reducer that lets decisions
 * expire.
 */
public final class Control {

    private static final Logger LOG = LoggerFactory.getLogger("agentgraph.control");

    private final ControlBook book;

    private Control(ControlBook book) {
        this.book = book;
    }

    /**
     * @param blockingRuntimes the runtimes whose hooks can deny a tool call, for the page
     */
    public static Control mount(boolean enabled, Path eventsFile, List<String> blockingRuntimes, WebServer server,
            Pipeline pipeline, Clock clock) {
        ComponentStats stats = new ComponentStats("control");
        ControlBook book = new ControlBook(enabled, new ControlMarkers(eventsFile), LOG);
        Emitter announce = pipeline.emitter(stats);
        ControlRoutes routes = new ControlRoutes(book, new AntiForgeryToken(new SecureRandom()), blockingRuntimes, announce,
                clock, LOG);
        server.routes().http("GET", ControlRoutes.STATE_PATH, 0, routes::state);
        server.httpUnder("POST", ControlRoutes.AGENTS_PREFIX, 0, routes::agent);
        server.httpUnder("POST", ControlRoutes.SESSIONS_PREFIX, 0, routes::session);
        // Also when off: markers of an earlier run with control on must not deny calls now.
        book.clearFiles();
        if (enabled) {
            // It keeps no state of its own (the book does): a rebuild makes it anew on the same book.
            pipeline.addReducer(new ReducerStage("control", ControlReducer.ORDER, new ControlReducer(book),
                    () -> new ControlReducer(book), stats, new Guard(stats, LOG)));
            LOG.info("control is on: the page can stop agents and hold sessions (runtimes that can block: {})",
                    blockingRuntimes.isEmpty() ? "none found" : String.join(", ", blockingRuntimes));
        }
        return new Control(book);
    }

    public ControlBook book() {
        return book;
    }

    /** Removes the marker files: a decision does not outlive the server that can show and release it. */
    public void close() {
        book.clearFiles();
    }
}
