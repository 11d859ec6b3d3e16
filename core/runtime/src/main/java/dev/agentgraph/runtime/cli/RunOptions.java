package dev.agentgraph.runtime.cli;

import dev.agentgraph.api.ConfigException;
import dev.agentgraph.runtime.config.CoreConfig;
import dev.agentgraph.runtime.config.Settings;
import dev.agentgraph.runtime.config.SettingsLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The flags of {@code agentgraph run} (also accepted without {@code run}) and how they map to keys. */
public final class RunOptions {

    // The names, once: picocli's declarations below and QuickRun's switch below both use them.
    static final String PORT = "--port";
    static final String HOST = "--host";
    static final String EVENTS = "--events";
    static final String PLUGINS = "--plugins";
    static final String CONFIG = "--config";
    static final String STDIN = "--stdin";
    static final String DEMO = "--demo";
    static final String REPLAY = "--replay";
    static final String SPEED = "--speed";
    static final String CONTROL = "--control";
    static final String SET = "--set";

    /** How {@link QuickRun} reads an option: a flag alone, a value, or a value that may be repeated. */
    enum Arity { FLAG, VALUE, REPEATED }

    @Option(names = PORT, paramLabel = "N", description = "Port to listen on (server.port, default 8201; 0 = any free port).")
    String port;

    @Option(names = HOST, paramLabel = "H", description = "Address to bind (server.host, default 127.0.0.1). Not loopback needs server.token.")
    String host;

    @Option(names = EVENTS, paramLabel = "FILE", description = "Event file to watch (events.file, default ~/.local/state/agentgraph/events.jsonl); - reads standard input instead, like --stdin.")
    String events;

    @Option(names = PLUGINS, paramLabel = "DIR", description = "Plugins directory (plugins.dir). A source tree's plugins/ folder loads its built modules.")
    String plugins;

    @Option(names = CONFIG, paramLabel = "FILE", description = "Configuration file (default <home>/conf/agentgraph.properties, or $AGENTGRAPH_CONFIG).")
    Path config;

    @Option(names = STDIN, description = "Read events from standard input, one JSON object a line (plugin.stdin.enabled=true).")
    boolean stdin;

    @Option(names = DEMO, description = "Play a built-in demo session (plugin.demo.enabled=true).")
    boolean demo;

    @Option(names = REPLAY, paramLabel = "FILE", description = "Replay an event file (plugin.replay.enabled=true, plugin.replay.file=FILE).")
    String replay;

    @Option(names = SPEED, paramLabel = "X", description = "Replay speed factor with --replay (plugin.replay.speed).")
    String speed;

    @Option(names = CONTROL, description = "Let the page stop agents and hold sessions (server.control=true; docs/control.md).")
    boolean control;

    @Option(names = SET, paramLabel = "KEY=VALUE", description = "Set any configuration key; may be repeated.")
    List<String> set = new ArrayList<>();

    /**
     * The arity of the option spelled {@code name}, or null when it is none of these. A switch, not
     * the annotations read by reflection: parsing them took a twentieth of a start's time
     * ({@code QuickRunTest} checks that the two agree).
     */
    static Arity arity(String name) {
        return switch (name) {
            case STDIN, DEMO, CONTROL -> Arity.FLAG;
            case PORT, HOST, EVENTS, PLUGINS, CONFIG, REPLAY, SPEED -> Arity.VALUE;
            case SET -> Arity.REPEATED;
            default -> null;
        };
    }

    /** Sets the option spelled {@code name} as picocli would; {@code value} is ignored for a flag. */
    void set(String name, String value) {
        switch (name) {
            case PORT -> port = value;
            case HOST -> host = value;
            case EVENTS -> events = value;
            case PLUGINS -> plugins = value;
            case CONFIG -> config = Path.of(value);
            case REPLAY -> replay = value;
            case SPEED -> speed = value;
            case SET -> set.add(value);
            case STDIN -> stdin = true;
            case DEMO -> demo = true;
            case CONTROL -> control = true;
            default -> throw new IllegalArgumentException("no option " + name);
        }
    }

    /** The explicit settings the flags stand for; {@code --set} first, named flags win over it. */
    Map<String, String> explicit() {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String pair : set) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(pair, "--set needs KEY=VALUE");
            }
            keys.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        putIf(keys, CoreConfig.SERVER_PORT, port);
        putIf(keys, CoreConfig.SERVER_HOST, host);
        putIf(keys, CoreConfig.EVENTS_FILE, events);
        putIf(keys, CoreConfig.PLUGINS_DIR, plugins);
        if (stdin || "-".equals(events)) {
            keys.put("plugin.stdin.enabled", "true");
        }
        if (control) {
            keys.put(CoreConfig.SERVER_CONTROL, "true");
        }
        if (demo) {
            keys.put("plugin.demo.enabled", "true");
        }
        if (replay != null) {
            keys.put("plugin.replay.enabled", "true");
            keys.put("plugin.replay.file", replay);
        }
        if (speed != null) {
            if (replay == null) {
                throw new ConfigException("plugin.replay.speed", "--speed needs --replay FILE");
            }
            keys.put("plugin.replay.speed", speed);
        }
        return keys;
    }

    /** The configuration file, the environment and these flags, layered. */
    Settings settings() {
        return SettingsLoader.load(config, System.getenv(), explicit());
    }

    private static void putIf(Map<String, String> keys, String key, String value) {
        if (value != null) {
            keys.put(key, value);
        }
    }
}
