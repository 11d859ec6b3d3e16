package dev.agentgraph.plugins.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import dev.agentgraph.plugins.websocket.WebSocketSinkFactory;
import dev.agentgraph.testkit.TestAgentGraph;
import dev.agentgraph.testkit.WsClient;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bodies that are not OTLP, or too large, or cut short, are refused with OTLP's status and
 * change nothing; a request with some bad spans applies the good ones and says which it refused.
 */
class BadRequestsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestAgentGraph graph;
    private static WsClient ws;

    @BeforeAll
    static void start() {
        graph = TestAgentGraph.builder().component(new OtlpFactory()).component(new WebSocketSinkFactory())
                .set("plugin.otlp.max-body", "64k").set("plugin.otlp.max-inflated", "256k").start();
        ws = WsClient.connect(graph.ws("/stream"));
        ws.snapshot();
    }

    @AfterAll
    static void stop() {
        ws.close();
        graph.close();
    }

    @Test
    void garbageIsRefusedWithAnRpcStatus() throws Exception {
        byte[] garbage = new byte[200];
        Arrays.fill(garbage, (byte) 0xff);
        HttpResponse<byte[]> r = post("/v1/traces", "application/x-protobuf", null, garbage);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
        assertThat(statusCode(r.body())).isEqualTo(3); // INVALID_ARGUMENT
        assertNothingApplied();
    }

    @Test
    void aTruncatedRequestChangesNothing() throws Exception {
        byte[] whole = request("cut-session", 40).toByteArray();
        byte[] cut = Arrays.copyOf(whole, whole.length / 2 + 3);
        assertThat(post("/v1/traces", "application/x-protobuf", null, cut).statusCode()).isEqualTo(400);
        assertThat(post("/v1/traces", "application/x-protobuf", "gzip", Arrays.copyOf(gzip(whole), 30)).statusCode())
                .isEqualTo(400);
        assertNothingApplied();
    }

    @Test
    void malformedJsonIsRefusedInJson() throws Exception {
        for (String body : new String[] {"{", "[]", "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"zz\"}]}]}]}",
                "{\"resourceSpans\": 7}", "[".repeat(100) + "]".repeat(100),
                "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"startTimeUnixNano\":\"99999999999999999999999\"}]}]}]}",
                "{\"a\":" + "{\"b\":".repeat(80) + "1" + "}".repeat(81)}) {
            HttpResponse<byte[]> r = post("/v1/traces", "application/json", null, body.getBytes(StandardCharsets.UTF_8));
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(JsonParser.parseString(new String(r.body(), StandardCharsets.UTF_8)).getAsJsonObject()
                    .get("code").getAsInt()).isEqualTo(3);
        }
        assertNothingApplied();
    }

    @Test
    void oversizedBodiesAndBombsAre413() throws Exception {
        byte[] big = request("big-session", 2000).toByteArray();
        assertThat(big.length).isGreaterThan(64 * 1024);
        // The server answers as soon as it reads the declared length, and closes: read it raw.
        assertThat(raw("127.0.0.1", big)).isEqualTo("HTTP/1.1 413");
        byte[] bomb = gzip(new byte[1 << 20]);
        assertThat(bomb.length).isLessThan(64 * 1024);
        HttpResponse<byte[]> r = post("/v1/logs", "application/x-protobuf", "gzip", bomb);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(statusCode(r.body())).isEqualTo(8); // RESOURCE_EXHAUSTED
        assertNothingApplied();
    }

    @Test
    void otherContentTypesAndEncodingsAre415() throws Exception {
        byte[] body = request("typed-session", 1).toByteArray();
        assertThat(post("/v1/traces", "text/plain", null, body).statusCode()).isEqualTo(415);
        assertThat(post("/v1/traces", "application/x-protobuf", "br", body).statusCode()).isEqualTo(415);
        assertNothingApplied();
    }

    @Test
    void spansWithBadIdsAreRejectedAndTheRestApplied() throws Exception {
        ExportTraceServiceRequest.Builder request = request("partial-session", 2).toBuilder();
        request.getResourceSpansBuilder(0).getScopeSpansBuilder(0).getSpansBuilder(1)
                .setSpanId(ByteString.copyFrom(new byte[3]));
        HttpResponse<byte[]> r = post("/v1/traces", "application/x-protobuf", null, request.build().toByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        ExportTraceServiceResponse answer = ExportTraceServiceResponse.parseFrom(r.body());
        assertThat(answer.getPartialSuccess().getRejectedSpans()).isEqualTo(1);
        assertThat(answer.getPartialSuccess().getErrorMessage()).contains("span id");
        Frames.await(ws, "tool_done", "tool_use_id", "partial-session-call-0");
        assertThat(Frames.events(ws)).noneMatch(e -> "partial-session-call-1".equals(Frames.string(e, "tool_use_id")));
    }

    @Test
    void mutatedRequestsAreAnsweredNeverFailed() throws Exception {
        byte[] proto = request("mutant", 5).toByteArray();
        byte[] json = ("{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":"
                + "{\"stringValue\":\"x\"}}]},\"scopeSpans\":[{\"spans\":[{\"traceId\":\"5b8efff798038103d269b633813fc60c\","
                + "\"spanId\":\"eee19b7ec3c1b174\",\"name\":\"execute_tool t\",\"kind\":1,\"attributes\":[{\"key\":"
                + "\"gen_ai.conversation.id\",\"value\":{\"stringValue\":\"mutant\"}}]}]}]}]}").getBytes(StandardCharsets.UTF_8);
        java.util.Random random = new java.util.Random(11);
        // A server of its own: a mutation that is still valid OTLP draws whatever it now says.
        try (TestAgentGraph own = TestAgentGraph.builder().component(new OtlpFactory()).start()) {
            for (int i = 0; i < 150; i++) {
                for (boolean isJson : new boolean[] {false, true}) {
                    byte[] body = (isJson ? json : proto).clone();
                    for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                        body[random.nextInt(body.length)] = (byte) random.nextInt(256);
                    }
                    body = Arrays.copyOf(body, body.length - random.nextInt(body.length / 4));
                    int status = post(own.http("/v1/traces"), isJson ? "application/json" : "application/x-protobuf", null, body)
                            .statusCode();
                    assertThat(status).as("mutation %d", i).isIn(200, 400);
                }
            }
            assertThat(OtlpReceiverCounters.of(own, "bad_requests")).isPositive();
        }
    }

    @Test
    void everyStringKeptIsBounded() throws Exception {
        ExportTraceServiceRequest.Builder request = request("long-strings", 1).toBuilder();
        Span.Builder span = request.getResourceSpansBuilder(0).getScopeSpansBuilder(0).getSpansBuilder(0);
        span.addAttributes(0, attr("gen_ai.tool.name", "t".repeat(20_000)));
        request.getResourceSpansBuilder(0).getResourceBuilder().addAttributes(attr("host.name", "h".repeat(20_000)));
        assertThat(post("/v1/traces", "application/x-protobuf", null, request.build().toByteArray()).statusCode())
                .isEqualTo(200);
        JsonObject tool = Frames.await(ws, "tool_use", "tool_use_id", "long-strings-call-0");
        assertThat(Frames.string(tool, "tool")).hasSizeLessThanOrEqualTo(120).startsWith("ttt").endsWith("…");
        assertThat(Frames.events(ws, "session_start")).filteredOn(e -> "long-strings".equals(Frames.string(e, "session_id")))
                .singleElement().satisfies(e -> assertThat(Frames.string(e, "host")).hasSizeLessThanOrEqualTo(128));
    }

    @Test
    void aForeignHostIsRefusedBeforeTheReceiver() throws Exception {
        assertThat(raw("evil.example", request("rebound-session", 1).toByteArray())).matches("HTTP/1\\.1 (403|421)");
        assertNothingApplied();
    }

    /** The status line of a POST to /v1/traces with this Host, the body sent as far as the server reads it. */
    private static String raw(String host, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", graph.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/traces HTTP/1.1\r\nHost: " + host + ":" + graph.port()
                    + "\r\nContent-Type: application/x-protobuf\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            try {
                out.write(body);
                out.flush();
            } catch (IOException closedEarly) {
                // Refused before the body was read: the answer is already there.
            }
            return new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
        }
    }

    /** Only the requests that were valid produced events; the others' sessions never appear. */
    private static void assertNothingApplied() throws Exception {
        String marker = "marker-" + System.nanoTime();
        assertThat(post("/v1/traces", "application/x-protobuf", null, request(marker, 1).toByteArray()).statusCode())
                .isEqualTo(200);
        Frames.await(ws, "tool_done", "tool_use_id", marker + "-call-0");
        assertThat(Frames.events(ws)).allSatisfy(e -> assertThat(Frames.string(e, "session_id"))
                .matches("marker-.*|partial-session|long-strings"));
    }

    /** {@code tools} execute_tool spans of the conversation {@code session}. */
    static ExportTraceServiceRequest request(String session, int tools) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (int i = 0; i < tools; i++) {
            byte[] spanId = new byte[8];
            spanId[0] = 1;
            spanId[7] = (byte) i;
            spanId[6] = (byte) (i >> 8);
            scope.addSpans(Span.newBuilder().setTraceId(ByteString.copyFrom(traceId(session)))
                    .setSpanId(ByteString.copyFrom(spanId)).setName("execute_tool bash")
                    .setStartTimeUnixNano(1_780_000_000_000_000_000L).setEndTimeUnixNano(1_780_000_000_100_000_000L)
                    .addAttributes(attr("gen_ai.operation.name", "execute_tool"))
                    .addAttributes(attr("gen_ai.tool.name", "bash"))
                    .addAttributes(attr("gen_ai.tool.call.id", session + "-call-" + i))
                    .addAttributes(attr("gen_ai.conversation.id", session)));
        }
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(io.opentelemetry.proto.resource.v1.Resource.newBuilder().addAttributes(attr("service.name", "bench")))
                .addScopeSpans(scope)).build();
    }

    static KeyValue attr(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static byte[] traceId(String session) {
        byte[] id = new byte[16];
        byte[] s = session.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(s, 0, id, 0, Math.min(16, s.length));
        id[15] = 1;
        return id;
    }

    static HttpResponse<byte[]> post(String path, String type, String encoding, byte[] body) throws Exception {
        return post(graph.http(path), type, encoding, body);
    }

    static HttpResponse<byte[]> post(URI uri, String type, String encoding, byte[] body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) {
            r.header("Content-Encoding", encoding);
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    /** The code of a {@code google.rpc.Status}. */
    private static int statusCode(byte[] status) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(status);
        assertThat(in.readTag()).isEqualTo(8);
        return in.readInt32();
    }
}
