package dev.agentgraph.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A minimal HTTP/1.1 client over a raw socket, because java.net.http refuses to set {@code Host}
 * and {@code Origin} the way an attacker's browser or script would.
 */
final class RawHttp {

    /** A parsed response: status, headers by lower-case name (all values), body. */
    record Reply(int status, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null ? null : v.get(0);
        }

        boolean has(String name) {
            return headers.containsKey(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RawHttp() {
    }

    /** Sends {@code head} (request line and headers, without the blank line) and an optional body. */
    static Reply send(int port, String head, byte[] body) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                s.getOutputStream().write(body);
            }
            s.getOutputStream().flush();
            return read(s.getInputStream(), !head.startsWith("HEAD "));
        }
    }

    /** A GET with the given extra header lines; {@code Connection: close} is added. */
    static Reply get(int port, String path, String... headers) throws IOException {
        return send(port, request("GET", path, headers), null);
    }

    static String request(String method, String path, String... headers) {
        StringBuilder b = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1");
        for (String h : headers) {
            b.append("\r\n").append(h);
        }
        return b.append("\r\nConnection: close").toString();
    }

    /** The header lines of a WebSocket upgrade request (version 13, random key). */
    static String[] upgradeHeaders(String... extra) {
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        List<String> h = new ArrayList<>(List.of("Upgrade: websocket", "Sec-WebSocket-Version: 13",
                "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key)));
        h.addAll(List.of(extra));
        return h.toArray(String[]::new);
    }

    /** Sends a WebSocket upgrade and reads only the response head (a 101 keeps the socket open). */
    static Reply upgrade(int port, String path, String... headers) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(10_000);
            return upgradeOn(s, path, headers);
        }
    }

    /** Sends an upgrade on an open socket and reads the response head; the socket stays open. */
    static Reply upgradeOn(Socket s, String path, String... headers) throws IOException {
        StringBuilder b = new StringBuilder("GET ").append(path).append(" HTTP/1.1");
        for (String h : upgradeHeaders(headers)) {
            b.append("\r\n").append(h);
        }
        b.append("\r\nConnection: Upgrade\r\n\r\n");
        s.getOutputStream().write(b.toString().getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        return read(s.getInputStream(), false);
    }

    private static Reply read(InputStream in, boolean withBody) throws IOException {
        String head = readHead(in);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        byte[] body = new byte[0];
        if (withBody && status != 101 && status != 204 && status != 304) {
            List<String> length = headers.get("content-length");
            body = length != null ? in.readNBytes(Integer.parseInt(length.get(0))) : in.readAllBytes();
        }
        return new Reply(status, headers, body);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed before the end of the response head: " + b);
            }
            b.write(c);
            matched = (c == '\r' && (matched == 0 || matched == 2)) || (c == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
