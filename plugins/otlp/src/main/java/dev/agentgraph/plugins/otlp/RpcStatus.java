package dev.agentgraph.plugins.otlp;

import com.google.gson.JsonObject;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The body of an OTLP error answer: a {@code google.rpc.Status} with a code and a message. Its two
 * fields are written by hand rather than bundling the whole of Google's common protos for them.
 */
final class RpcStatus {

    /** {@code google.rpc.Code.INVALID_ARGUMENT}. */
    static final int INVALID_ARGUMENT = 3;
    /** {@code google.rpc.Code.RESOURCE_EXHAUSTED}. */
    static final int RESOURCE_EXHAUSTED = 8;
    /** {@code google.rpc.Code.UNAVAILABLE}. */
    static final int UNAVAILABLE = 14;

    private RpcStatus() {
    }

    static byte[] protobuf(int code, String message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.writeInt32(1, code);
            out.writeString(2, message);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String json(int code, String message) {
        JsonObject o = new JsonObject();
        o.addProperty("code", code);
        o.addProperty("message", message);
        return o.toString();
    }
}
