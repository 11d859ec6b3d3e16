package dev.agentgraph.plugins.otlp;

import com.google.protobuf.ByteString;
import dev.agentgraph.plugins.alive.AliveAgentsFactory;
import dev.agentgraph.plugins.websocket.WebSocketSinkFactory;
import dev.agentgraph.testkit.TestAgentGraph;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * OTLP spans a second into AgentGraph's receiver (decoded into canonical events, through
 * alive-agents and the WebSocket sink), beside a floor: a bare Jetty endpoint on the same machine
 * that only parses each request's protobuf. The same client (the JDK's, {@code threads} at once)
 * sends the same distinct requests to both. Run by {@code dist/bench/otlp-receiver.sh}.
 */
public final class OtlpThroughput {

    private static final int AGENTS_PER_REQUEST = 10;
    private static final int TOOLS_PER_AGENT = 9;
    private static final int SPANS_PER_REQUEST = AGENTS_PER_REQUEST * (TOOLS_PER_AGENT + 1);

    private OtlpThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        List<byte[]> warmup = bodies(requests / 4, 1_000_000);
        List<byte[]> bodies = bodies(requests, 0);
        System.out.printf("%d requests of %d GenAI spans (%d agents, %d tool calls each), %d client threads%n",
                requests, SPANS_PER_REQUEST, AGENTS_PER_REQUEST, AGENTS_PER_REQUEST * TOOLS_PER_AGENT, threads);

        Server floor = floor();
        double floorRate;
        try {
            URI uri = URI.create("http://127.0.0.1:" + ((ServerConnector) floor.getConnectors()[0]).getLocalPort() + "/v1/traces");
            send(uri, warmup, threads);
            floorRate = send(uri, bodies, threads);
        } finally {
            floor.stop();
        }
        double rate;
        try (TestAgentGraph graph = TestAgentGraph.builder().component(new OtlpFactory()).component(new OtlpJoinFactory())
                .component(new AliveAgentsFactory()).component(new WebSocketSinkFactory()).start()) {
            send(graph.http("/v1/traces"), warmup, threads);
            rate = send(graph.http("/v1/traces"), bodies, threads);
        }
        System.out.printf("floor (Jetty, parse only): %,.0f spans/s%n", floorRate);
        System.out.printf("AgentGraph otlp receiver:  %,.0f spans/s%n", rate);
        System.out.printf("ratio: %.2f of the floor%n", rate / floorRate);
    }

    /** Spans a second for sending every body once, {@code threads} requests in flight. */
    private static double send(URI uri, List<byte[]> bodies, int threads) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < bodies.size(); ) {
                    HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-protobuf")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))).build(), HttpResponse.BodyHandlers.ofByteArray());
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("answered " + r.statusCode());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return bodies.size() * (double) SPANS_PER_REQUEST / seconds;
    }

    /** Distinct requests: each its own trace, agents each with their tool calls (children first, as exported). */
    private static List<byte[]> bodies(int count, int offset) {
        List<byte[]> bodies = new ArrayList<>(count);
        long t0 = 1_780_000_000_000_000_000L;
        for (int r = 0; r < count; r++) {
            ByteString trace = id(16, offset + r);
            ScopeSpans.Builder scope = ScopeSpans.newBuilder();
            for (int a = 0; a < AGENTS_PER_REQUEST; a++) {
                ByteString agent = id(8, (offset + r) * 1000 + a * 100);
                for (int t = 1; t <= TOOLS_PER_AGENT; t++) {
                    scope.addSpans(Span.newBuilder().setTraceId(trace).setSpanId(id(8, (offset + r) * 1000 + a * 100 + t))
                            .setParentSpanId(agent).setName("execute_tool read_file").setStartTimeUnixNano(t0)
                            .setEndTimeUnixNano(t0 + 5_000_000).addAttributes(BadRequestsTest.attr("gen_ai.operation.name", "execute_tool"))
                            .addAttributes(BadRequestsTest.attr("gen_ai.tool.name", "read_file")));
                }
                scope.addSpans(Span.newBuilder().setTraceId(trace).setSpanId(agent).setName("invoke_agent worker")
                        .setStartTimeUnixNano(t0).setEndTimeUnixNano(t0 + 90_000_000)
                        .addAttributes(BadRequestsTest.attr("gen_ai.operation.name", "invoke_agent"))
                        .addAttributes(BadRequestsTest.attr("gen_ai.agent.name", "worker"))
                        .addAttributes(BadRequestsTest.attr("gen_ai.request.model", "gpt-x")));
            }
            bodies.add(ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                    .setResource(Resource.newBuilder().addAttributes(BadRequestsTest.attr("service.name", "bench"))
                            .addAttributes(BadRequestsTest.attr("host.name", "bench-box")))
                    .addScopeSpans(scope)).build().toByteArray());
        }
        return bodies;
    }

    private static ByteString id(int bytes, long value) {
        ByteBuffer b = ByteBuffer.allocate(bytes).order(ByteOrder.BIG_ENDIAN);
        b.position(bytes - 8);
        b.putLong(value + 1);
        return ByteString.copyFrom(b.array());
    }

    /** The floor: reads the body, parses it as OTLP, answers an empty success. */
    private static Server floor() throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                try (InputStream in = Content.Source.asInputStream(request)) {
                    ExportTraceServiceRequest.parseFrom(in.readAllBytes());
                }
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/x-protobuf");
                response.write(true, ByteBuffer.wrap(answer), callback);
                return true;
            }
        });
        server.start();
        return server;
    }
}
