package dev.agentgraph.plugins.websocket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket upgrade written by hand on a plain socket, for what a well-behaved client cannot do:
 * send a foreign {@code Host}, or upgrade and then never read.
 */
final class RawUpgrade implements AutoCloseable {

    private final Socket socket;
    /** The status line and headers of the answer. */
    final String response;

    private RawUpgrade(Socket socket, String response) {
        this.socket = socket;
        this.response = response;
    }

    /** Sends the upgrade with this {@code Host} and reads the answer's head; the body is left unread. */
    static RawUpgrade open(int port, String path, String host, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(5000);
        String request = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return new RawUpgrade(socket, readHead(socket.getInputStream()));
    }

    /** The HTTP status of the answer. */
    int status() {
        return Integer.parseInt(response.split(" ", 3)[1]);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
