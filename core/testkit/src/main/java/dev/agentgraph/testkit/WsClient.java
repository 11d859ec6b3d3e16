package dev.agentgraph.testkit;

import static org.awaitility.Awaitility.await;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A real WebSocket client (java.net.http) that keeps every text frame it receives, parsed as
 * JSON, and waits for frames with a 10-second limit. A batch frame
 * ({@code {"type":"events","data":[<event frame>,…]}}) is unpacked into its event frames, as the
 * page does, so {@link #frames()} reads the same whether the server batched or not; the frames as
 * received are in {@link #texts()}. A frame that is not a JSON object is kept in {@link #texts()}
 * only.
 */
public final class WsClient implements AutoCloseable {

    /** How long {@link #awaitFrame}, {@link #snapshot()} and {@link #awaitClosed()} wait. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** One client for all connections: each HttpClient has its own selector thread. */
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private final List<JsonObject> frames = new CopyOnWriteArrayList<>();
    private final List<String> texts = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;

    private WsClient() {
    }

    /** Connects with no {@code Origin} header, as a command-line client would. */
    public static WsClient connect(URI uri) {
        return connect(uri, Map.of());
    }

    /**
     * Connects with extra headers (such as {@code Origin} or {@code Authorization}). A refused
     * upgrade throws {@link HandshakeFailed} with the HTTP status.
     */
    public static WsClient connect(URI uri, Map<String, String> headers) {
        WsClient client = new WsClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(TIMEOUT);
        headers.forEach(builder::header);
        try {
            client.socket = builder.buildAsync(uri, client.new Listener()).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return client;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                throw new HandshakeFailed(uri, h.getResponse().statusCode(), h);
            }
            throw new IllegalStateException("cannot connect to " + uri + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no WebSocket connection to " + uri + " within " + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to " + uri, e);
        }
    }

    /** Every JSON text frame received so far, in order, with batches unpacked into their events. */
    public List<JsonObject> frames() {
        return List.copyOf(frames);
    }

    /** Every text frame received so far, as received. */
    public List<String> texts() {
        return List.copyOf(texts);
    }

    /** Waits (10 s) until a frame matches, and returns the first that does. */
    public JsonObject awaitFrame(Predicate<JsonObject> matches) {
        JsonObject[] found = new JsonObject[1];
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(10)).until(() -> {
            for (JsonObject frame : frames) {
                if (matches.test(frame)) {
                    found[0] = frame;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** Waits for the first frame and returns it; fails unless it is {@code {"type":"snapshot",…}}. */
    public JsonObject snapshot() {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(10)).until(() -> !frames.isEmpty());
        JsonObject first = frames.get(0);
        JsonElement type = first.get("type");
        if (type == null || !"snapshot".equals(type.isJsonPrimitive() ? type.getAsString() : null)) {
            throw new AssertionError("the first frame is not a snapshot: " + first);
        }
        return first;
    }

    /** Sends a text frame. */
    public void send(String text) {
        socket.sendText(text, true).join();
    }

    /** Waits (10 s) until the server closed the connection or it failed. */
    public void awaitClosed() {
        try {
            closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the connection was not closed within " + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    /** The close status code received (1006 if the connection failed), or -1 while open. */
    public int closeCode() {
        return closed.getNow(-1);
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Closes normally (1000), waiting briefly for the server's answer. */
    @Override
    public void close() {
        WebSocket ws = socket;
        if (ws == null || closed.isDone()) {
            return;
        }
        try {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
            closed.get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The server is gone or slow to answer: just drop the connection.
        } finally {
            ws.abort();
        }
    }

    /** The server refused the upgrade. */
    public static final class HandshakeFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        HandshakeFailed(URI uri, int status, Throwable cause) {
            super("WebSocket upgrade to " + uri + " refused with HTTP " + status, cause);
            this.status = status;
        }

        /** The HTTP status of the refusal, such as 403. */
        public int status() {
            return status;
        }
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                texts.add(text);
                try {
                    JsonElement json = JsonParser.parseString(text);
                    if (json.isJsonObject()) {
                        unpack(json.getAsJsonObject());
                    }
                } catch (RuntimeException e) {
                    // Kept in texts() only.
                }
            }
            webSocket.request(1);
            return null;
        }

        private void unpack(JsonObject frame) {
            JsonElement type = frame.get("type");
            JsonElement data = frame.get("data");
            if (type != null && type.isJsonPrimitive() && "events".equals(type.getAsString())
                    && data != null && data.isJsonArray()) {
                for (JsonElement event : data.getAsJsonArray()) {
                    if (event.isJsonObject()) {
                        frames.add(event.getAsJsonObject());
                    }
                }
            } else {
                frames.add(frame);
            }
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
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
    }
}
