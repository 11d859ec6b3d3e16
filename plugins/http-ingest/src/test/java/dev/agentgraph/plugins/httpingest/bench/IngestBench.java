package dev.agentgraph.plugins.httpingest.bench;

import dev.agentgraph.plugins.alive.AliveAgentsFactory;
import dev.agentgraph.plugins.claudecode.ClaudeCodeFactory;
import dev.agentgraph.plugins.httpingest.HttpIngestFactory;
import dev.agentgraph.plugins.tools.ToolAggregatorFactory;
import dev.agentgraph.plugins.websocket.WebSocketSinkFactory;
import dev.agentgraph.testkit.TestAgentGraph;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The http-ingest benchmark: {@code posters} concurrent clients (one java.net.http connection
 * each, as Claude Code's http hooks are synchronous) post typical 2 KiB {@code PostToolUse}
 * payloads to {@code POST /ingest/claude-code} of a real AgentGraph (the default pipeline:
 * claude-code, alive-agents, tool-aggregator, websocket, and the append to the event file), and
 * in the same run to a minimal Jetty endpoint that reads the body and answers 204 (the floor).
 * Two loads: paced ({@code posters} sessions × {@code rate} events/s each), and closed-loop (each
 * poster sends its next request as soon as the last is answered). Prints p50/p99/max of each,
 * beside the floor, and the ratio.
 *
 * <p>Settings (system properties): {@code bench.posters} (20), {@code bench.rate} (10 per poster
 * per second), {@code bench.seconds} (10).
 */
public final class IngestBench {

    private static final int POSTERS = Integer.getInteger("bench.posters", 20);
    private static final int RATE = Integer.getInteger("bench.rate", 10);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    private static final String PATH = "/ingest/claude-code";

    private record Figures(double p50, double p99, double max, double perSecond, double serverCpuMicros) {
    }


    public static void main(String[] args) throws Exception {
        // Twice each, alternating, and the better of the two kept: on a shared machine the
        // slower run measures the neighbours more than the server.
        if (Boolean.getBoolean("bench.agentgraph-only")) {
            agentgraph();
            System.exit(0);
        }
        Figures[] floor = floor();
        Figures[] ours = agentgraph();
        floor = best(floor, floor());
        ours = best(ours, agentgraph());
        System.out.println();
        System.out.printf("%-46s %12s %12s %7s%n", "", "agentgraph", "floor (204)", "ratio");
        String paced = String.format("%d sessions x %d events/s", POSTERS, RATE);
        String loaded = String.format("%d posters, closed loop", POSTERS);
        row(paced + ": p50 (ms)", ours[0].p50(), floor[0].p50());
        row(paced + ": p99 (ms)", ours[0].p99(), floor[0].p99());
        row(paced + ": max (ms)", ours[0].max(), floor[0].max());
        row(loaded + ": p50 (ms)", ours[1].p50(), floor[1].p50());
        row(loaded + ": p99 (ms)", ours[1].p99(), floor[1].p99());
        row(loaded + ": requests/s", ours[1].perSecond(), floor[1].perSecond());
        row(loaded + ": server CPU µs/request", ours[1].serverCpuMicros(), floor[1].serverCpuMicros());
        System.exit(0);
    }

    private static Figures[] best(Figures[] a, Figures[] b) {
        return new Figures[] {a[0].p99() <= b[0].p99() ? a[0] : b[0], a[1].p99() <= b[1].p99() ? a[1] : b[1]};
    }

    /**
     * One request, tried again once when java.net.http's pool hands out a connection it is just
     * closing ("connection closed locally"); the retry's time counts.
     */
    private static void post(HttpClient http, URI uri, String body) {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 != 2) {
                    throw new IllegalStateException("HTTP " + r.statusCode());
                }
                return;
            } catch (java.io.IOException e) {
                if (attempt == 2) {
                    throw new IllegalStateException(e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static java.util.Map<String, Long> cpuByThread() {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> m = new java.util.TreeMap<>();
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                m.merge(info.getThreadName().replaceAll("[-0-9#]+$", ""), Math.max(0, threads.getThreadCpuTime(info.getThreadId())), Long::sum);
            }
        }
        return m;
    }

    /** CPU time so far of this JVM's threads other than the load client's. */
    private static long serverCpuNanos() {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && !info.getThreadName().startsWith("poster-") && !info.getThreadName().startsWith("HttpClient")
                    && !info.getThreadName().equals("main")) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                sum += Math.max(0, cpu);
            }
        }
        return sum;
    }

    private static void row(String what, double ours, double floor) {
        System.out.printf("%-46s %12.3f %12.3f %7.2f%n", what, ours, floor, ours / floor);
    }

    /** A minimal Jetty endpoint: reads the body, answers 204. */
    private static Figures[] floor() throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                Content.Source.consumeAll(request);
                response.setStatus(204);
                callback.succeeded();
                return true;
            }
        });
        server.start();
        try {
            return run("floor", URI.create("http://127.0.0.1:" + connector.getLocalPort() + PATH));
        } finally {
            server.stop();
        }
    }

    private static Figures[] agentgraph() throws Exception {
        Path dir = Files.createTempDirectory("agentgraph-ingest-bench");
        try (TestAgentGraph graph = TestAgentGraph.builder()
                .component(new HttpIngestFactory())
                .component(new ClaudeCodeFactory())
                .component(new AliveAgentsFactory())
                .component(new ToolAggregatorFactory())
                .component(new WebSocketSinkFactory())
                .eventsFile(dir.resolve("agent-events.jsonl"))
                .start()) {
            Figures[] figures = run("agentgraph", graph.http(PATH));
            System.out.printf("agentgraph: CPU ms by thread over the whole run: %s%n", cpuByThread());
            System.out.printf("agentgraph: event file %,d bytes; stats: %s%n", Files.size(dir.resolve("agent-events.jsonl")),
                    graph.stats().getAsJsonObject("components").getAsJsonObject("http-ingest").getAsJsonObject("counters"));
            return figures;
        }
    }

    private static Figures[] run(String name, URI uri) throws Exception {
        // One client for every poster (one selector thread, a connection per poster), new for each server.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        load(http, uri, 0, 3); // warm-up
        Figures paced = load(http, uri, RATE, SECONDS);
        System.out.printf("%s: %d sessions x %d events/s: p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                name, POSTERS, RATE, paced.p50(), paced.p99(), paced.max());
        Figures closed = load(http, uri, 0, Math.max(3, SECONDS / 2));
        System.out.printf("%s: %d posters closed loop: p50 %.3f ms, p99 %.3f ms, max %.3f ms, %,.0f requests/s, server CPU %.1f µs/request%n",
                name, POSTERS, closed.p50(), closed.p99(), closed.max(), closed.perSecond(), closed.serverCpuMicros());
        return new Figures[] {paced, closed};
    }

    /** Each poster sends {@code rate} requests a second (0: back to back) for {@code seconds}. */
    private static Figures load(HttpClient http, URI uri, int rate, int seconds) throws Exception {
        int n = POSTERS;
        long cpuBefore = serverCpuNanos();
        long[][] latencies = new long[n][];
        int[] counts = new int[n];
        Thread[] threads = new Thread[n];
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        for (int p = 0; p < n; p++) {
            int poster = p;
            threads[p] = new Thread(() -> {
                long[] mine = new long[rate > 0 ? rate * seconds + 1 : 1 << 20];
                int count = 0;
                long period = rate > 0 ? 1_000_000_000L / rate : 0;
                // Sessions start spread over one period, as independent agents would.
                long next = start + (rate > 0 ? period * poster / n : 0);
                while (true) {
                    if (rate > 0) {
                        LockSupport.parkNanos(next - System.nanoTime());
                    }
                    long t0 = System.nanoTime();
                    if (t0 >= end || count == mine.length) {
                        break;
                    }
                    post(http, uri, Payloads.postToolUse(poster, count));
                    mine[count++] = System.nanoTime() - t0;
                    next += period;
                }
                latencies[poster] = mine;
                counts[poster] = count;
            }, "poster-" + p);
            threads[p].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long cpu = serverCpuNanos() - cpuBefore;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int p = 0; p < n; p++) {
            System.arraycopy(latencies[p], 0, all, at, counts[p]);
            at += counts[p];
        }
        Arrays.sort(all);
        return new Figures(all[(int) (total * 0.50)] / 1e6, all[Math.min(total - 1, (int) (total * 0.99))] / 1e6,
                all[total - 1] / 1e6, total / (double) seconds, cpu / 1e3 / total);
    }
}
