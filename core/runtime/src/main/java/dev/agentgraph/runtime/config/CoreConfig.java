package dev.agentgraph.runtime.config;

import dev.agentgraph.api.ConfigException;
import dev.agentgraph.runtime.pipeline.Pipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The platform's own configuration, read and checked once at startup. Every key, its default and
 * its environment variable are listed in {@code docs/configuration.md} and the default
 * {@code conf/agentgraph.properties}. Keys under {@code plugin.<id>.} belong to components and are
 * checked once the components have read them.
 */
public record CoreConfig(
        String host,
        int port,
        String token,
        List<String> allowedHosts,
        int maxWebSockets,
        int maxWebSocketMessageBytes,
        Path webRoot,
        Path eventsFile,
        Path pluginsDir,
        int queueSize,
        int sinkQueueSize,
        boolean control) {

    public static final String SERVER_HOST = "server.host";
    public static final String SERVER_PORT = "server.port";
    public static final String SERVER_TOKEN = "server.token";
    public static final String SERVER_TOKEN_FILE = "server.token-file";
    public static final String SERVER_ALLOWED_HOSTS = "server.allowed-hosts";
    public static final String SERVER_MAX_WEBSOCKETS = "server.max-websockets";
    public static final String SERVER_MAX_WEBSOCKET_MESSAGE = "server.max-websocket-message";
    public static final String SERVER_WEB_ROOT = "server.web-root";
    /** Lets the page stop agents and hold sessions ({@code --control}; docs/control.md). */
    public static final String SERVER_CONTROL = "server.control";
    public static final String EVENTS_FILE = "events.file";
    public static final String PLUGINS_DIR = "plugins.dir";
    public static final String PIPELINE_QUEUE_SIZE = "pipeline.queue-size";
    public static final String PIPELINE_SINK_QUEUE_SIZE = "pipeline.sink-queue-size";

    /** Every key outside {@code plugin.*}. */
    public static final Set<String> KEYS = Set.of(SERVER_HOST, SERVER_PORT, SERVER_TOKEN, SERVER_TOKEN_FILE, SERVER_ALLOWED_HOSTS,
            SERVER_MAX_WEBSOCKETS, SERVER_MAX_WEBSOCKET_MESSAGE, SERVER_WEB_ROOT, SERVER_CONTROL, EVENTS_FILE, PLUGINS_DIR,
            PIPELINE_QUEUE_SIZE, PIPELINE_SINK_QUEUE_SIZE);

    /** The prefix of component keys: {@code plugin.<id>.<key>}. */
    public static final String PLUGIN_PREFIX = "plugin.";

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8201;
    public static final String DEFAULT_EVENTS_FILE = "~/.local/state/agentgraph/events.jsonl";

    /**
     * Reads and checks every platform key; refuses unknown keys, a token shorter than 16
     * characters, and a public address without a token.
     */
    public static CoreConfig from(Settings settings) {
        checkKeys(settings);
        String host = read(settings, SERVER_HOST, DEFAULT_HOST, v -> v.trim());
        String token = ServerToken.from(settings);
        if (host.isEmpty()) {
            throw new ConfigException(SERVER_HOST, "an empty host");
        }
        if (token == null && !isLoopback(host)) {
            throw new ConfigException(SERVER_TOKEN, "required when server.host is not a loopback address (server.host="
                    + host + "); set server.token-file or server.token, or bind to 127.0.0.1");
        }
        return new CoreConfig(
                host,
                read(settings, SERVER_PORT, DEFAULT_PORT, v -> Values.port(SERVER_PORT, v)),
                token,
                read(settings, SERVER_ALLOWED_HOSTS, List.of(), CoreConfig::list),
                read(settings, SERVER_MAX_WEBSOCKETS, 256, v -> Values.atLeast(SERVER_MAX_WEBSOCKETS, v, 1)),
                read(settings, SERVER_MAX_WEBSOCKET_MESSAGE, 65_536, v -> bytesAsInt(SERVER_MAX_WEBSOCKET_MESSAGE, v)),
                read(settings, SERVER_WEB_ROOT, null, v -> Values.path(SERVER_WEB_ROOT, v)),
                usableEventsFile(read(settings, EVENTS_FILE, Values.path(EVENTS_FILE, DEFAULT_EVENTS_FILE),
                        v -> Values.path(EVENTS_FILE, v))),
                read(settings, PLUGINS_DIR, Home.resolve("plugins"), v -> Values.path(PLUGINS_DIR, v)),
                read(settings, PIPELINE_QUEUE_SIZE, Pipeline.DEFAULT_QUEUE_SIZE, v -> Values.atLeast(PIPELINE_QUEUE_SIZE, v, 1)),
                read(settings, PIPELINE_SINK_QUEUE_SIZE, Pipeline.DEFAULT_SINK_QUEUE_SIZE,
                        v -> Values.atLeast(PIPELINE_SINK_QUEUE_SIZE, v, 1)),
                read(settings, SERVER_CONTROL, false, v -> Values.bool(SERVER_CONTROL, v)));
    }

    /** Whether {@code host} names this machine only: {@code 127.x.x.x}, {@code ::1} or {@code localhost}. */
    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /**
     * Refuses an event file that can never be one: a directory, or a path under a file. A file
     * that does not exist yet is fine (the hook or the tail creates it); permissions are the
     * tail's to report, since they can change while AgentGraph runs.
     */
    static Path usableEventsFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new ConfigException(EVENTS_FILE, file + " is a directory; --events (events.file) takes the path of a file,"
                    + " such as " + file.resolve("agent-events.jsonl"));
        }
        for (Path p = file.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new ConfigException(EVENTS_FILE, p + " is a file, not a directory, so the event file " + file
                            + " cannot be made there; give --events (events.file) another path");
                }
                break;
            }
        }
        return file;
    }

    /** Refuses a key that is neither a platform key nor of the form {@code plugin.<id>.<key>}. */
    static void checkKeys(Settings settings) {
        for (String key : settings.keys()) {
            if (KEYS.contains(key)) {
                continue;
            }
            if (key.startsWith(PLUGIN_PREFIX)) {
                String rest = key.substring(PLUGIN_PREFIX.length());
                int dot = rest.indexOf('.');
                if (dot > 0 && dot < rest.length() - 1) {
                    continue;
                }
            }
            throw new ConfigException(key, "unknown key (see docs/configuration.md for the keys there are)");
        }
    }

    private static <T> T read(Settings settings, String key, T fallback, Function<String, T> parse) {
        // An empty value (an uncommented "key=") means the default.
        return settings.get(key).filter(v -> !v.isBlank()).map(parse).orElse(fallback);
    }

    private static int bytesAsInt(String key, String value) {
        long n = Values.bytes(key, value);
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw new ConfigException(key, Values.quote(value) + " is out of range");
        }
        return (int) n;
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
