package dev.agentgraph.plugins.otlp.multihost;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team on real separate hosts: the central AgentGraph in its own network namespace (its own
 * JVM, bound to its address, with a token), two machines in theirs sending hook payloads over
 * http and OTLP spans with curl, and a browser on one of them. Skipped, saying why, where network
 * namespaces cannot be made (they need root and iproute2; CI runs as root).
 */
class MultiHostTest {

    private static final String TOKEN = "team-token-4f9c2e";
    private static final int PORT = 8201;
    private static final String BASE = "http://" + Netns.CENTRAL_ADDRESS + ":" + PORT;
    private static final List<String> HOSTS = List.of("laptop-ana", "ci-runner-7");

    @TempDir
    Path dir;

    @Test
    void theCentralServerSeesBothMachinesSessionsByHost() throws Exception {
        List<Process> started = new ArrayList<>();
        try (Netns net = Netns.create(HOSTS.size())) {
            Process central = Netns.exec(net.central, java(CentralServer.class, Netns.CENTRAL_ADDRESS,
                    String.valueOf(PORT), TOKEN), errors());
            started.add(central);
            BufferedReader out = new BufferedReader(new InputStreamReader(central.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).as("the central server started").isEqualTo("READY " + PORT);

            List<String> stream = new CopyOnWriteArrayList<>();
            Process browser = Netns.exec(net.machines.get(0),
                    java(StreamProbe.class, "ws://" + Netns.CENTRAL_ADDRESS + ":" + PORT + "/stream", TOKEN), errors());
            started.add(browser);
            follow(browser, stream);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !stream.isEmpty());

            for (int i = 0; i < HOSTS.size(); i++) {
                String ns = net.machines.get(i);
                String host = HOSTS.get(i);
                for (String hook : hookPayloads("hook-" + host)) {
                    assertThat(curl(ns, "/ingest/claude-code", "application/json", hook, "-H", "Authorization: Bearer " + TOKEN,
                            "-H", "X-AgentGraph-Host: " + host)).as("hook from " + host).isEqualTo("200");
                }
                assertThat(curl(ns, "/v1/traces", "application/json", otlpSpans(host, i), "-H", "Authorization: Bearer " + TOKEN))
                        .as("OTLP from " + host).isEqualTo("200");
            }
            String spans = otlpSpans("intruder", 9);
            assertThat(curl(net.machines.get(0), "/v1/traces", "application/json", spans)).as("no token").isEqualTo("401");
            assertThat(curl(net.machines.get(0), "/v1/traces", "application/json", spans, "-H", "Authorization: Bearer x" + TOKEN))
                    .as("a wrong token").isEqualTo("401");
            assertThat(curl(net.machines.get(1), "/v1/traces", "application/json", spans, "-H", "Authorization: Bearer " + TOKEN,
                    "-H", "Host: evil.example:" + PORT)).as("a foreign Host").isIn("403", "421");

            for (String host : HOSTS) {
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> stream.stream().anyMatch(l ->
                        l.contains("\"session_start\"") && l.contains("\"host\":\"" + host + "\"")));
            }
            assertThat(stream).noneMatch(l -> l.contains("intruder"));

            Process second = Netns.exec(net.machines.get(1),
                    java(StreamProbe.class, "ws://" + Netns.CENTRAL_ADDRESS + ":" + PORT + "/stream", TOKEN), errors());
            started.add(second);
            String snapshotLine = new BufferedReader(new InputStreamReader(second.getInputStream(), StandardCharsets.UTF_8)).readLine();
            JsonObject snapshot = JsonParser.parseString(snapshotLine).getAsJsonObject();
            Map<String, String> hostOf = new HashMap<>();
            for (JsonElement s : snapshot.getAsJsonArray("sessions")) {
                JsonObject session = s.getAsJsonObject();
                hostOf.put(session.get("session_id").getAsString(),
                        session.has("host") ? session.get("host").getAsString() : null);
            }
            // Each machine's sessions, by hooks and by OTLP, labelled with that machine in the snapshot.
            assertThat(hostOf).containsEntry("hook-laptop-ana", "laptop-ana").containsEntry("otlp-laptop-ana", "laptop-ana")
                    .containsEntry("hook-ci-runner-7", "ci-runner-7").containsEntry("otlp-ci-runner-7", "ci-runner-7");
            assertThat(snapshot.toString()).doesNotContain("intruder");
        } finally {
            for (Process p : started) {
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    /** A Claude Code session's first http hooks, as its settings would post them. */
    private static List<String> hookPayloads(String session) {
        String common = "{\"session_id\":\"" + session + "\",\"transcript_path\":\"/home/dev/.claude/projects/x/" + session
                + ".jsonl\",\"cwd\":\"/home/dev/shop\",";
        return List.of(common + "\"hook_event_name\":\"UserPromptSubmit\",\"prompt\":\"fix the build\"}",
                common + "\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"make\"},"
                        + "\"tool_use_id\":\"toolu_" + session.hashCode() + "\"}");
    }

    /** OTLP JSON from a GenAI framework on {@code host}: a tool call of an agent still running. */
    private static String otlpSpans(String host, int n) {
        String trace = String.format("%032x", 0xabc000L + n);
        String agent = String.format("%016x", 0x100L + n);
        String tool = String.format("%016x", 0x200L + n);
        return "{\"resourceSpans\":[{\"resource\":{\"attributes\":["
                + "{\"key\":\"service.name\",\"value\":{\"stringValue\":\"crew\"}},"
                + "{\"key\":\"host.name\",\"value\":{\"stringValue\":\"" + host + "\"}}]},"
                + "\"scopeSpans\":[{\"scope\":{\"name\":\"crew.tracing\"},\"spans\":[{\"traceId\":\"" + trace + "\",\"spanId\":\""
                + tool + "\",\"parentSpanId\":\"" + agent + "\",\"name\":\"execute_tool search\",\"kind\":1,"
                + "\"startTimeUnixNano\":\"1780000000000000000\",\"endTimeUnixNano\":\"1780000000200000000\",\"attributes\":["
                + "{\"key\":\"gen_ai.operation.name\",\"value\":{\"stringValue\":\"execute_tool\"}},"
                + "{\"key\":\"gen_ai.tool.name\",\"value\":{\"stringValue\":\"search\"}},"
                + "{\"key\":\"gen_ai.conversation.id\",\"value\":{\"stringValue\":\"otlp-" + host + "\"}}]}]}]}]}";
    }

    /** POSTs {@code body} from inside {@code ns} with curl; the HTTP status. */
    private String curl(String ns, String path, String type, String body, String... extra) throws Exception {
        Path file = Files.writeString(Files.createTempFile(dir, "body", ".json"), body);
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}",
                "--max-time", "10", "-X", "POST", "-H", "Content-Type: " + type, "--data-binary", "@" + file));
        command.addAll(List.of(extra));
        command.add(BASE + path);
        return Netns.run(ns, command, errors()).strip();
    }

    /** Where the child processes' standard error goes (kept with the test's temporary files). */
    private Path errors() {
        return dir.resolve("stderr.log");
    }

    private static List<String> java(Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private static void follow(Process p, List<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the probe was stopped
            }
        }, "stream-probe");
        t.setDaemon(true);
        t.start();
    }
}
