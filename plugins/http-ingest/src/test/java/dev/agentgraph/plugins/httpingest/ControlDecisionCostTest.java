package dev.agentgraph.plugins.httpingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgraph.api.Controls;
import dev.agentgraph.testkit.ControlClient;
import dev.agentgraph.testkit.TestAgentGraph;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the http decision costs (docs/performance.md): the decision itself, as the ingest route
 * makes it for each PreToolUse (a look-up among 500 stopped agents and the deny answer), and the
 * round trip of a 2 KiB PreToolUse to {@code POST /ingest/claude-code} with control off and with
 * the calling agent stopped. Bounded: a few seconds.
 */
class ControlDecisionCostTest {

    private static final String S = "52e6b438-f2a7-4269-8651-0c5ca6a3a450";
    private static final String A = "a947ccf25ec84d8db";
    private static final int ROUND_TRIPS = 200;

    private static String preToolUse(String agent) {
        String head = "{\"session_id\":\"" + S + "\",\"cwd\":\"/home/dev/myrepo\",\"agent_id\":\"" + agent
                + "\",\"agent_type\":\"general-purpose\",\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\","
                + "\"tool_input\":{\"command\":\"npm test ";
        String tail = "\"},\"tool_use_id\":\"toolu_01qPhukd0WfofZVR1Mv0RFnV\"}";
        return head + "x".repeat(2048 - head.length() - tail.length()) + tail;
    }

    @Test
    void theDecisionTakesWellUnderAMillisecondAndBarelyChangesTheRoundTrip() throws Exception {
        String[] offMicros;
        try (TestAgentGraph off = TestAgentGraph.builder().component(new HttpIngestFactory())
                .set("plugin.http-ingest.append-to-events", "false").start()) {
            medianRoundTrips(off, A, A); // warms the JVM up for both servers
            offMicros = medianRoundTrips(off, A, A);
        }
        try (TestAgentGraph on = TestAgentGraph.builder().component(new HttpIngestFactory())
                .set("plugin.http-ingest.append-to-events", "false").set("server.control", "true").start()) {
            ControlClient control = new ControlClient(on.port());
            for (int i = 0; i < 499; i++) {
                assertThat(control.stop(S, "other" + i).statusCode()).isEqualTo(200);
            }
            assertThat(control.stop(S, A).statusCode()).isEqualTo(200);
            Controls controls = on.graph().controls();

            int calls = 2_000_000;
            long sink = 0;
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                Optional<Controls.Denial> d = controls.denial(S, (i & 1) == 0 ? A : "a-running", "Bash");
                sink += d.isPresent() ? d.get().hookAnswer().length() : 1;
            }
            double decisionNanos = (System.nanoTime() - start) / (double) calls;
            String[] onMicros = medianRoundTrips(on, "a-running", A);
            System.out.printf("control decision: %.0f ns a call (half of them denied, among 500 stopped agents);"
                    + " PreToolUse round trip median, control off: %s us; control on: %s us allowed, %s us denied (%d)%n",
                    decisionNanos, offMicros[0], onMicros[0], onMicros[1], sink % 10);
            assertThat(decisionNanos).as("well under a millisecond, even on a busy CI machine").isLessThan(100_000);
        }
    }

    /** Median round trips of the PreToolUse of {@code first} and of {@code second}, alternated, in µs. */
    private static String[] medianRoundTrips(TestAgentGraph graph, String first, String second) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long[][] micros = new long[2][ROUND_TRIPS];
        for (int i = 0; i < ROUND_TRIPS; i++) {
            for (int k = 0; k < 2; k++) {
                String agent = k == 0 ? first : second;
                HttpRequest request = HttpRequest.newBuilder(graph.http("/ingest/claude-code"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(preToolUse(agent))).build();
                long start = System.nanoTime();
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                micros[k][i] = (System.nanoTime() - start) / 1000;
                assertThat(r.statusCode()).isEqualTo(200);
                boolean expectDenied = graph.graph().controls().enabled() && agent.equals(A);
                assertThat(r.body().contains("\"permissionDecision\":\"deny\"")).isEqualTo(expectDenied);
            }
        }
        String[] medians = new String[2];
        for (int k = 0; k < 2; k++) {
            Arrays.sort(micros[k]);
            medians[k] = Long.toString(micros[k][ROUND_TRIPS / 2]);
        }
        return medians;
    }
}
