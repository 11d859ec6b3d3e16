package dev.agentgraph.plugins.websocket.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client that reads as fast as it can and records, for each {@code "t_us":}
 * stamp in a frame, the latency from the write. Works with AgentGraph's event frames, its batch
 * frames (one stamp per event in it) and the plain lines {@code websocketd} sends.
 */
final class BenchClient implements WebSocket.Listener, AutoCloseable {

    private static final String STAMP = "\"t_us\":";

    private final StringBuilder partial = new StringBuilder();
    private volatile LatencyRecorder recorder;
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    BenchClient(URI uri) throws Exception {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, this).get(10, TimeUnit.SECONDS);
    }

    /** Starts recording into a fresh recorder. */
    void record(LatencyRecorder next) {
        this.recorder = next;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        CharSequence text = data;
        if (!last || partial.length() > 0) {
            partial.append(data);
            text = partial;
        }
        if (last) {
            stamp(text);
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    private void stamp(CharSequence text) {
        LatencyRecorder r = recorder;
        if (r == null) {
            return;
        }
        String s = text.toString();
        for (int at = s.indexOf(STAMP); at >= 0; at = s.indexOf(STAMP, at + 1)) {
            int from = at + STAMP.length();
            int to = from;
            while (to < s.length() && Character.isDigit(s.charAt(to))) {
                to++;
            }
            r.record(Long.parseLong(s, from, to, 10));
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(1006);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
