package dev.agentgraph.runtime.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.agentgraph.api.Controls;
import dev.agentgraph.api.Event;
import dev.agentgraph.runtime.AgentGraph;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The action endpoints on a real server: with control off, from a foreign origin, without the
 * page's origin, without or with a wrong anti-forgery token, or without the server's token where
 * one is set, they refuse and no decision changes (neither the answer a hook would get nor a
 * marker file); from the page, with the token, they act, and the markers are private.
 */
class ControlRoutesTest {

    private static final String S = "d42fddbb-b12a-4295-8842-348805e999f3";
    private static final String A = "aa767c76fb008f86b";
    private static final String[] ACTIONS = {"/api/agents/" + S + "/" + A + "/stop", "/api/sessions/" + S + "/hold",
        "/api/sessions/" + S + "/release"};
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private AgentGraph start(boolean control, String serverToken) {
        AgentGraph.Builder b = AgentGraph.builder().set("server.port", "0").set("events.file", dir.resolve("events.jsonl").toString());
        if (control) {
            b.set("server.control", "true");
        }
        if (serverToken != null) {
            b.set("server.token", serverToken);
        }
        return b.start();
    }

    private static HttpResponse<String> send(AgentGraph g, String method, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(g.uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String origin(AgentGraph g) {
        return "http://127.0.0.1:" + g.port();
    }

    private static JsonObject state(AgentGraph g, Map<String, String> headers) throws Exception {
        HttpResponse<String> r = send(g, "GET", "/api/control", headers);
        assertThat(r.statusCode()).isEqualTo(200);
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    private void assertNothingDecided(AgentGraph g) {
        Controls c = g.controls();
        assertThat(c.denial(S, A, "Read")).isEmpty();
        assertThat(c.denial(S, null, "Agent")).isEmpty();
        assertThat(dir.resolve("control").resolve(S)).doesNotExist();
    }

    @Test
    void withControlOffEveryActionIs403AndNothingChanges() throws Exception {
        try (AgentGraph g = start(false, null)) {
            assertThat(state(g, Map.of()).get("enabled").getAsBoolean()).isFalse();
            assertThat(state(g, Map.of()).has("token")).isFalse();
            for (String action : ACTIONS) {
                HttpResponse<String> r = send(g, "POST", action, Map.of("Origin", origin(g), AntiForgeryToken.HEADER, "x"));
                assertThat(r.statusCode()).as(action).isEqualTo(403);
                assertThat(r.body()).contains("--control");
            }
            assertThat(g.controls().enabled()).isFalse();
            assertNothingDecided(g);
        }
    }

    @Test
    void foreignOriginNoOriginAndMissingOrWrongTokensAre403AndNothingChanges() throws Exception {
        try (AgentGraph g = start(true, null)) {
            String token = state(g, Map.of("Origin", origin(g))).get("token").getAsString();
            assertThat(token).hasSize(64);
            String nearlyRight = token.substring(0, 63) + (token.endsWith("0") ? "1" : "0");
            Map<String, Map<String, String>> attempts = new LinkedHashMap<>();
            attempts.put("foreign origin", Map.of("Origin", "https://evil.example", AntiForgeryToken.HEADER, token));
            attempts.put("look-alike origin", Map.of("Origin", origin(g) + ".evil.example", AntiForgeryToken.HEADER, token));
            attempts.put("no origin", Map.of(AntiForgeryToken.HEADER, token));
            attempts.put("no token", Map.of("Origin", origin(g)));
            attempts.put("wrong token", Map.of("Origin", origin(g), AntiForgeryToken.HEADER, "0".repeat(64)));
            attempts.put("one character off", Map.of("Origin", origin(g), AntiForgeryToken.HEADER, nearlyRight));
            attempts.put("token in the query only", Map.of("Origin", origin(g)));
            for (Map.Entry<String, Map<String, String>> a : attempts.entrySet()) {
                for (String action : ACTIONS) {
                    String path = a.getKey().equals("token in the query only") ? action + "?token=" + token : action;
                    HttpResponse<String> r = send(g, "POST", path, a.getValue());
                    assertThat(r.statusCode()).as(a.getKey() + " " + action).isEqualTo(403);
                }
            }
            // A foreign page cannot read the token either: the guard refuses its Origin.
            assertThat(send(g, "GET", "/api/control", Map.of("Origin", "https://evil.example")).statusCode()).isEqualTo(403);
            assertNothingDecided(g);
        }
    }

    @Test
    void withAServerTokenAnActionNeedsItTooAndNothingChangesWithout() throws Exception {
        String serverToken = "0123456789abcdef0123";
        try (AgentGraph g = start(true, serverToken)) {
            Map<String, String> bearer = Map.of("Authorization", "Bearer " + serverToken);
            String token = state(g, bearer).get("token").getAsString();
            for (String action : ACTIONS) {
                HttpResponse<String> r = send(g, "POST", action, Map.of("Origin", origin(g), AntiForgeryToken.HEADER, token));
                assertThat(r.statusCode()).as(action).isEqualTo(401);
            }
            assertNothingDecided(g);
            HttpResponse<String> ok = send(g, "POST", ACTIONS[0], Map.of("Origin", origin(g), AntiForgeryToken.HEADER, token,
                    "Authorization", "Bearer " + serverToken));
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(g.controls().denial(S, A, "Read")).isPresent();
        }
    }

    @Test
    void fromThePageWithTheTokenStopHoldAndReleaseActAndTheMarkersArePrivate() throws Exception {
        try (AgentGraph g = start(true, null)) {
            Map<String, String> page = Map.of("Origin", origin(g), AntiForgeryToken.HEADER,
                    state(g, Map.of()).get("token").getAsString());
            assertThat(send(g, "POST", ACTIONS[0], page).body()).contains("\"changed\":true");
            assertThat(send(g, "POST", ACTIONS[0], page).body()).contains("\"changed\":false");
            Controls c = g.controls();
            assertThat(c.denial(S, A, "Read")).contains(ControlBook.STOPPED);
            assertThat(c.denial(S, "aec255404e4fb4400", "Read")).isEmpty();
            assertThat(c.denial(S, null, "Agent")).isEmpty();

            assertThat(send(g, "POST", ACTIONS[1], page).statusCode()).isEqualTo(200);
            assertThat(c.denial(S, null, "Agent")).contains(ControlBook.HELD);
            assertThat(c.denial(S, "aec255404e4fb4400", "Task")).contains(ControlBook.HELD);
            assertThat(c.denial(S, null, "Bash")).isEmpty();

            Path session = dir.resolve("control").resolve(S);
            Path stop = session.resolve(A + ".stop");
            assertThat(Files.readString(stop).strip()).isEqualTo(ControlBook.STOPPED.hookAnswer());
            assertThat(session.resolve("Agent.hold")).exists();
            assertThat(mode(dir.resolve("control"))).isEqualTo("rwx------");
            assertThat(mode(session)).isEqualTo("rwx------");
            assertThat(mode(stop)).isEqualTo("rw-------");

            assertThat(send(g, "POST", ACTIONS[2], page).statusCode()).isEqualTo(200);
            assertThat(c.denial(S, null, "Agent")).isEmpty();
            assertThat(session.resolve("Agent.hold")).doesNotExist();
            assertThat(c.denial(S, A, "Read")).isPresent();

            assertThat(send(g, "POST", "/api/agents/" + S + "/a%2Fb/stop", page).statusCode()).isIn(400, 404);
            assertThat(send(g, "POST", "/api/agents/" + S + "/" + A + "/kill", page).statusCode()).isEqualTo(404);
            assertThat(send(g, "POST", "/api/sessions/" + S + "/" + "x".repeat(200) + "/hold", page).statusCode()).isEqualTo(404);
            assertThat(send(g, "POST", "/api/sessions/" + "x".repeat(200) + "/hold", page).statusCode()).isEqualTo(400);
        }
        assertThat(dir.resolve("control")).as("closing removes every marker").doesNotExist();
    }

    @Test
    void aStopEndsWithItsAgentAndAHoldWithItsSession() throws Exception {
        try (AgentGraph g = start(true, null)) {
            Map<String, String> page = Map.of("Origin", origin(g), AntiForgeryToken.HEADER,
                    state(g, Map.of()).get("token").getAsString());
            send(g, "POST", ACTIONS[0], page);
            send(g, "POST", ACTIONS[1], page);
            g.inject().emit(Event.parse(
                    "{\"event\":\"agent_done\",\"session_id\":\"" + S + "\",\"id\":\"" + A + "\",\"outcome\":\"success\"}"));
            await().until(() -> g.controls().denial(S, A, "Read").isEmpty());
            assertThat(dir.resolve("control").resolve(S).resolve(A + ".stop")).doesNotExist();
            assertThat(g.controls().denial(S, A, "Agent")).contains(ControlBook.HELD);
            g.inject().emit(Event.parse("{\"event\":\"session_end\",\"session_id\":\"" + S + "\"}"));
            await().until(() -> g.controls().denial(S, null, "Agent").isEmpty());
            assertThat(dir.resolve("control").resolve(S)).doesNotExist();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void markersLeftByAnEarlierRunAreRemovedAtStartWithControlOnOrOff(boolean control) throws Exception {
        Path stale = dir.resolve("control").resolve(S).resolve(A + ".stop");
        Files.createDirectories(stale.getParent());
        Files.writeString(stale, "{}\n");
        try (AgentGraph g = start(control, null)) {
            assertThat(stale).doesNotExist();
        }
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
