package dev.agentgraph.plugins.otlp;

import dev.agentgraph.api.HttpRequest;
import dev.agentgraph.api.Routes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP request body as it arrived: its encoding ({@code application/x-protobuf} or
 * {@code application/json}) and its bytes, inflated when gzip-compressed. Inflation stops at a
 * cap, so a small bomb never becomes a large buffer.
 */
record RequestBody(boolean json, byte[] bytes) {

    static final String PROTOBUF = "application/x-protobuf";
    static final String JSON = "application/json";

    /** Why a body cannot be read, with the HTTP status to answer. */
    static final class Refused extends Exception {
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /** Whether the request says it is JSON: then its answers are JSON too. */
    static boolean declaresJson(HttpRequest request) {
        return request.header("Content-Type").map(RequestBody::mediaType).orElse("").equals(JSON);
    }

    static RequestBody read(HttpRequest request, long maxInflated) throws Refused {
        String type = request.header("Content-Type").map(RequestBody::mediaType).orElse("");
        boolean json;
        if (type.equals(PROTOBUF)) {
            json = false;
        } else if (type.equals(JSON)) {
            json = true;
        } else {
            throw new Refused(415, "Content-Type must be " + PROTOBUF + " or " + JSON);
        }
        String encoding = request.header("Content-Encoding").map(e -> e.trim().toLowerCase(Locale.ROOT)).orElse("");
        byte[] bytes = switch (encoding) {
            case "", "identity" -> request.body();
            // Inflated, a body may not be longer than the server takes uncompressed from anyone.
            case "gzip" -> gunzip(request.body(), Math.min(maxInflated, Routes.largestBody()));
            default -> throw new Refused(415, "Content-Encoding must be gzip or none");
        };
        return new RequestBody(json, bytes);
    }

    /** The body as UTF-8 text; malformed UTF-8 is refused. */
    String text() throws Refused {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Refused(400, "the JSON body is not UTF-8");
        }
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.trim().toLowerCase(Locale.ROOT);
    }

    private static byte[] gunzip(byte[] body, long max) throws Refused {
        int limit = (int) Math.min(max, Integer.MAX_VALUE - 16);
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            byte[] out = in.readNBytes(limit);
            if (in.read() != -1) {
                throw new Refused(413, "the inflated body is over " + max + " bytes");
            }
            return out;
        } catch (IOException e) {
            throw new Refused(400, "the gzip body is broken or truncated");
        }
    }
}
