package dev.agentgraph.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.agentgraph.plugins.alive.AliveAgentsFactory;
import dev.agentgraph.plugins.jsonltail.JsonlTailFactory;
import dev.agentgraph.plugins.websocket.WebSocketSinkFactory;
import dev.agentgraph.runtime.cli.Main;
import dev.agentgraph.runtime.plugins.PluginJars;
import dev.agentgraph.testkit.TestAgentGraph;
import dev.agentgraph.testkit.WsClient;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runtime AgentGraph has never heard of, added as one drop-in jar built here (an integration
 * and a decoder, against core/api only): {@code agentgraph hooks install --agent opencode} finds
 * it in the plugins folder and writes its hooks, the hook command it wrote carries a session into
 * a server that loaded the same jar, and uninstall takes the hooks out again. No core change.
 */
class ThirdPartyIntegrationTest {

    private static final String INTEGRATION = """
            package com.example.opencode;

            import com.google.gson.JsonObject;
            import dev.agentgraph.api.HookHandler;
            import dev.agentgraph.api.HookInstaller;
            import dev.agentgraph.api.MatcherGroupHooks;
            import dev.agentgraph.api.RuntimeIntegration;
            import java.nio.file.Path;
            import java.util.List;

            public final class OpenCodeIntegration implements RuntimeIntegration {
                public String name() { return "opencode"; }
                public String displayName() { return "OpenCode"; }
                public HookInstaller installer() {
                    return new MatcherGroupHooks() {
                        public Path settingsFile(Scope scope, Path home, Path project) {
                            return scope == Scope.USER ? home.resolve(".config/opencode/hooks.json") : null;
                        }
                        public List<String> events() { return List.of("session.created", "tool.before", "tool.after"); }
                        protected JsonObject hookFor(String event, HookHandler handler) {
                            return commandHook(handler.command(), 10);
                        }
                        public String restartHint() { return "Restart OpenCode."; }
                    };
                }
            }
            """;

    private static final String DECODER = """
            package com.example.opencode;

            import dev.agentgraph.api.Canonical;
            import dev.agentgraph.api.Emitter;
            import dev.agentgraph.api.Event;
            import dev.agentgraph.api.HookLine;
            import dev.agentgraph.api.PluginContext;
            import dev.agentgraph.api.Reducer;
            import dev.agentgraph.api.ReducerFactory;

            public final class OpenCodeDecoder implements ReducerFactory {
                public String id() { return "opencode"; }
                public int order() { return 130; }
                public Reducer create(PluginContext context) {
                    return new Reducer() {
                        public Event reduce(Event e, Emitter emit) {
                            String hook = e.string("hook_event_name");
                            if (hook == null || !HookLine.isFrom(e, "opencode", false)) {
                                return e;
                            }
                            String type = switch (hook) {
                                case "session.created" -> Canonical.SESSION_START;
                                case "tool.before" -> Canonical.TOOL_USE;
                                case "tool.after" -> Canonical.TOOL_DONE;
                                default -> null;
                            };
                            if (type != null) {
                                emit.emit(Event.builder(type).put(Canonical.SESSION_ID, e.session())
                                        .put(Canonical.RUNTIME, type.equals(Canonical.SESSION_START) ? "opencode" : null)
                                        .put(Canonical.CWD, e.string("cwd"))
                                        .put(Canonical.AGENT_ID, type.equals(Canonical.SESSION_START) ? null : Canonical.ORCHESTRATOR)
                                        .put(Canonical.TOOL, e.string("tool"))
                                        .put(Canonical.TOOL_USE_ID, e.string("call_id")).build());
                            }
                            return null;
                        }
                    };
                }
            }
            """;

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run agentgraph(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Runs a hook command as the runtime would: sh -c, the payload on stdin. */
    private static void runHook(String command, String payload) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("AGENTGRAPH_"));
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write((payload + "\n").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(p.getInputStream().readAllBytes()).isEmpty();
    }

    @Test
    void aDropInJarIsARuntimeForTheInstallerAndTheServer() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path classes = PluginJars.compile(dir.resolve("build"),
                Map.of("com.example.opencode.OpenCodeIntegration", INTEGRATION, "com.example.opencode.OpenCodeDecoder", DECODER),
                "opencode", null, List.of("com.example.opencode.OpenCodeIntegration", "com.example.opencode.OpenCodeDecoder"));
        PluginJars.jar(classes, plugins.resolve("opencode-1.0.0.jar"));
        Path settings = dir.resolve("home/.config/opencode/hooks.json");
        Path events = dir.resolve("state/events.jsonl");

        Run install = agentgraph("hooks", "install", "--agent", "opencode", "--plugins", plugins.toString(),
                "--settings", settings.toString(), "--hook", Hook.SCRIPT.toString(), "--events", events.toString());
        assertThat(install.code()).as(install.err()).isZero();
        assertThat(install.out()).contains("installed AgentGraph hooks for OpenCode (file mode, 3 events)")
                .contains("Restart OpenCode.");
        JsonObject hooks = JsonParser.parseString(Files.readString(settings)).getAsJsonObject().getAsJsonObject("hooks");
        assertThat(hooks.keySet()).containsExactly("session.created", "tool.before", "tool.after");
        String command = hooks.getAsJsonArray("tool.before").get(0).getAsJsonObject().getAsJsonArray("hooks").get(0)
                .getAsJsonObject().get("command").getAsString();
        assertThat(command).contains("AGENTGRAPH_RUNTIME=opencode");

        try (TestAgentGraph graph = TestAgentGraph.builder().eventsFile(events).pluginsDir(plugins)
                .component(new JsonlTailFactory()).component(new AliveAgentsFactory())
                .component(new WebSocketSinkFactory()).start();
             WsClient ws = WsClient.connect(graph.ws("/stream"))) {
            ws.snapshot();
            runHook(command, "{\"hook_event_name\":\"session.created\",\"session_id\":\"oc-1\",\"cwd\":\"/home/dev/notes\"}");
            runHook(command, "{\"hook_event_name\":\"tool.before\",\"session_id\":\"oc-1\",\"tool\":\"bash\",\"call_id\":\"c1\"}");
            runHook(command, "{\"hook_event_name\":\"tool.after\",\"session_id\":\"oc-1\",\"tool\":\"bash\",\"call_id\":\"c1\"}");
            JsonObject start = ws.awaitFrame(f -> isEvent(f, "session_start")).getAsJsonObject("data");
            assertThat(start.get("runtime").getAsString()).isEqualTo("opencode");
            assertThat(ws.awaitFrame(f -> isEvent(f, "tool_use")).getAsJsonObject("data").get("tool").getAsString())
                    .isEqualTo("bash");
            ws.awaitFrame(f -> isEvent(f, "tool_done"));
            try (WsClient fresh = WsClient.connect(graph.ws("/stream"))) {
                JsonElement session = fresh.snapshot().getAsJsonArray("sessions").get(0);
                assertThat(session.getAsJsonObject().get("runtime").getAsString()).isEqualTo("opencode");
                assertThat(session.getAsJsonObject().get("project").getAsString()).isEqualTo("notes");
            }
        }

        Run uninstall = agentgraph("hooks", "uninstall", "--agent", "opencode", "--plugins", plugins.toString(),
                "--settings", settings.toString());
        assertThat(uninstall.code()).as(uninstall.err()).isZero();
        assertThat(JsonParser.parseString(Files.readString(settings)).getAsJsonObject().has("hooks")).isFalse();
        Run unknown = agentgraph("hooks", "print", "--agent", "cursor", "--plugins", plugins.toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("no runtime integration named cursor").contains("opencode").contains("codex");
    }

    private static boolean isEvent(JsonObject frame, String type) {
        return frame.has("data") && frame.getAsJsonObject("data").has("event")
                && type.equals(frame.getAsJsonObject("data").get("event").getAsString());
    }
}
