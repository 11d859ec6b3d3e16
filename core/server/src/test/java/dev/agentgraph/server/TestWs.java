package dev.agentgraph.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (java.net.http) that keeps every text frame and the close code. */
final class TestWs implements WebSocket.Listener, AutoCloseable {

    final List<String> frames = new CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static TestWs connect(String uri) throws Exception {
        TestWs client = new TestWs();
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(uri), client).get(10, TimeUnit.SECONDS);
        return client;
    }

    WebSocket socket() {
        return socket;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        synchronized (partial) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closeCode.completeExceptionally(error);
    }

    int awaitClose() throws Exception {
        return closeCode.get(10, TimeUnit.SECONDS);
    }

    /** What {@link #awaitCloseOrBreak} gives when the connection broke before a close frame was read. */
    static final int BROKEN = -1;

    /**
     * The close code, or {@link #BROKEN}: a client still writing a message the server refused may
     * see its connection reset (a broken pipe) before it reads the server's close frame; which
     * comes first depends on scheduling, so only the server's side of the close is certain.
     */
    int awaitCloseOrBreak() throws Exception {
        try {
            return closeCode.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return BROKEN;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
    }
}
