package dev.agentgraph.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How the {@link WebServer} listens and what it lets in.
 *
 * @param host where to bind; a loopback address unless a token is set
 * @param port the port, or 0 for any free port
 * @param token the shared secret every request must carry, or {@code null} for none (a blank
 *     token counts as none)
 * @param allowedHosts extra {@code Host} names accepted besides the loopback ones and the bound
 *     host; an entry without a port gets the server's port
 * @param maxWebSockets how many WebSocket connections may be open at once
 * @param maxWebSocketMessageBytes the largest inbound WebSocket message; a larger one closes the
 *     connection with 1009
 * @param webRoot a directory to serve the page from instead of the classpath's
 *     {@code agentgraph/web/}, or {@code null}
 */
public record ServerSettings(String host, int port, String token, List<String> allowedHosts,
        int maxWebSockets, int maxWebSocketMessageBytes, Path webRoot) {

    public ServerSettings {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("server host is empty");
        }
        host = host.strip();
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("server port " + port + " is not between 0 and 65535");
        }
        token = token == null || token.isBlank() ? null : token;
        allowedHosts = allowedHosts == null ? List.of() : allowedHosts.stream()
                .map(String::strip).filter(h -> !h.isEmpty()).toList();
        if (maxWebSockets < 1) {
            throw new IllegalArgumentException("maxWebSockets must be at least 1, not " + maxWebSockets);
        }
        if (maxWebSocketMessageBytes < 1) {
            throw new IllegalArgumentException("maxWebSocketMessageBytes must be at least 1, not " + maxWebSocketMessageBytes);
        }
    }

    /** 127.0.0.1:8201, no token, no extra hosts, 256 WebSockets of 64 KiB messages, classpath page. */
    public static ServerSettings defaults() {
        return new ServerSettings("127.0.0.1", 8201, null, List.of(), 256, 65536, null);
    }

    public ServerSettings withHost(String value) {
        return new ServerSettings(value, port, token, allowedHosts, maxWebSockets, maxWebSocketMessageBytes, webRoot);
    }

    public ServerSettings withPort(int value) {
        return new ServerSettings(host, value, token, allowedHosts, maxWebSockets, maxWebSocketMessageBytes, webRoot);
    }

    public ServerSettings withToken(String value) {
        return new ServerSettings(host, port, value, allowedHosts, maxWebSockets, maxWebSocketMessageBytes, webRoot);
    }

    public ServerSettings withAllowedHosts(List<String> value) {
        return new ServerSettings(host, port, token, value, maxWebSockets, maxWebSocketMessageBytes, webRoot);
    }

    public ServerSettings withMaxWebSockets(int value) {
        return new ServerSettings(host, port, token, allowedHosts, value, maxWebSocketMessageBytes, webRoot);
    }

    public ServerSettings withMaxWebSocketMessageBytes(int value) {
        return new ServerSettings(host, port, token, allowedHosts, maxWebSockets, value, webRoot);
    }

    public ServerSettings withWebRoot(Path value) {
        return new ServerSettings(host, port, token, allowedHosts, maxWebSockets, maxWebSocketMessageBytes, value);
    }

    /** The token is a secret: it never appears in a string form of the settings. */
    @Override
    public String toString() {
        return "ServerSettings[host=" + host + ", port=" + port + ", token=" + (token == null ? "none" : "set")
                + ", allowedHosts=" + allowedHosts + ", maxWebSockets=" + maxWebSockets
                + ", maxWebSocketMessageBytes=" + maxWebSocketMessageBytes + ", webRoot=" + webRoot + "]";
    }
}
