package dev.agentgraph.api;

import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;

/** What the host gives a component when it is created. */
public interface PluginContext {

    /** The component id, as in {@link Component#id()}. */
    String id();

    /** This component's configuration: the keys {@code plugin.<id>.*} with the prefix removed. */
    PluginConfig config();

    /** The event file of this AgentGraph ({@code events.file}, {@code --events}). */
    Path eventsFile();

    /** A logger named after the component. */
    Logger log();

    /** A counter of this component, shown in {@code /api/stats}; the same name gives the same counter. */
    Counter counter(String name);

    /** Mounts HTTP and WebSocket routes on the server. Host, Origin and token checks come first. */
    Routes routes();

    /** The current snapshot of every reducer's part, consistent with event sequence numbers. */
    Snapshots snapshots();

    /** Rebuilds the reducers' state from the start of a recording (for a source that seeks). */
    Rebuilds rebuilds();

    /** The clock to read; tests replace it. */
    Clock clock();

    /** The user's control decisions (stopped agents, held sessions); {@link Controls#OFF} without {@code --control}. */
    default Controls controls() {
        return Controls.OFF;
    }
}
