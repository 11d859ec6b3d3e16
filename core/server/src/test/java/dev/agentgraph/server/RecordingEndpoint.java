package dev.agentgraph.server;

import dev.agentgraph.api.WebSocketConnection;
import dev.agentgraph.api.WebSocketEndpoint;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A WebSocket endpoint that remembers what happened to it. */
class RecordingEndpoint implements WebSocketEndpoint {

    final List<WebSocketConnection> opened = new CopyOnWriteArrayList<>();
    final List<String> texts = new CopyOnWriteArrayList<>();
    final List<Integer> closeCodes = new CopyOnWriteArrayList<>();

    @Override
    public void onOpen(WebSocketConnection connection) {
        opened.add(connection);
    }

    @Override
    public void onText(WebSocketConnection connection, String text) {
        texts.add(text);
    }

    @Override
    public void onClose(WebSocketConnection connection, int statusCode, String reason) {
        closeCodes.add(statusCode);
    }
}
