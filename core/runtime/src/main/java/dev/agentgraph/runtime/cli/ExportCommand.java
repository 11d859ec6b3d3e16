package dev.agentgraph.runtime.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.agentgraph.api.Emitter;
import dev.agentgraph.api.Event;
import dev.agentgraph.api.EventFormatException;
import dev.agentgraph.runtime.AgentGraph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code agentgraph export FILE -o run.html}: one self-contained HTML file that plays a recorded
 * event file — the page, D3 and the run inline, no server, no network, opened from
 * {@code file://}. The recording's lines are fed at full speed through a private AgentGraph (the
 * same plugins as {@code run}, on a free port); what its WebSocket sends (the snapshot and every
 * event, exactly what a page would have received live) is written into the page, which plays it
 * with a time slider.
 * The page's files are fetched from that server too, so they are the ones it serves.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write one HTML file that plays a recorded event file with no server (open it from file://).")
public final class ExportCommand implements CommandProvider, Callable<Integer> {

    private static final Duration QUIET = Duration.ofMillis(600);
    private static final Duration LIMIT = Duration.ofMinutes(10);
    // Our own page's imports: `from './name.js'`.
    private static final Pattern IMPORT = Pattern.compile("from '\\./([a-z0-9-]+\\.js)'");

    @Parameters(index = "0", paramLabel = "FILE", description = "The recorded event file (hook lines or canonical events).")
    Path recording;

    @Option(names = {"-o", "--output"}, paramLabel = "HTML", required = true, description = "The HTML file to write.")
    Path output;

    @Option(names = "--plugins", paramLabel = "DIR", description = "Plugins directory (as for run).")
    String plugins;

    @Override
    public String name() {
        return "export";
    }

    @Override
    public Object command() {
        return new ExportCommand();
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!Files.isReadable(recording)) {
            System.err.println("agentgraph export: cannot read " + recording);
            return ExitCodes.USAGE;
        }
        Path quiet = Files.createTempFile("agentgraph-export", ".jsonl");
        RunOptions options = new RunOptions();
        options.port = "0";
        options.events = quiet.toString(); // not the user's live file
        options.plugins = plugins;
        try (AgentGraph graph = RunCommand.start(options)) {
            String token = graph.config().token();
            int[] skipped = {0};
            List<String> frames = record(graph.uri("/stream"), token, graph::stats,
                    () -> skipped[0] = feed(recording, graph.inject()));
            Files.writeString(output, bundle(graph.uri("/"), token, frames), StandardCharsets.UTF_8);
            System.out.println("agentgraph export: wrote " + output + " (" + (frames.size() - 1) + " events"
                    + (skipped[0] > 0 ? "; " + skipped[0] + " unreadable lines skipped" : "") + ")");
            return ExitCodes.OK;
        } finally {
            Files.deleteIfExists(quiet);
        }
    }

    /** Emits every line of a recording as an event; returns how many lines were not events. */
    public static int feed(Path recording, Emitter emitter) {
        int skipped = 0;
        try (java.io.BufferedReader in = Files.newBufferedReader(recording, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    emitter.emit(Event.parse(line));
                } catch (EventFormatException e) {
                    skipped++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + recording, e);
        }
        return skipped;
    }

    /**
     * What a page receives from {@code stream} (pings left out) while {@code feed} runs: first
     * the snapshot, then every event, until the pipeline has been quiet for a moment (nothing
     * queued, the last event the server numbered received).
     */
    public static List<String> record(URI stream, String token, Supplier<JsonObject> stats, Runnable feed)
            throws InterruptedException {
        List<String> frames = Collections.synchronizedList(new ArrayList<>());
        long[] lastSeq = {-1};
        java.util.concurrent.CountDownLatch snapshot = new java.util.concurrent.CountDownLatch(1);
        StringBuilder partial = new StringBuilder();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    String text = partial.toString();
                    partial.setLength(0);
                    JsonObject frame = JsonParser.parseString(text).getAsJsonObject();
                    String type = frame.has("type") ? frame.get("type").getAsString() : "";
                    if (type.equals("events") && frame.has("data") && frame.get("data").isJsonArray()) {
                        // A batch (docs/protocol.md): recorded as the event frames it holds, so the
                        // exported page plays them one by one like any other.
                        for (com.google.gson.JsonElement event : frame.getAsJsonArray("data")) {
                            if (event.isJsonObject()) {
                                record(event.getAsJsonObject(), event.toString());
                            }
                        }
                    } else if (!type.equals("ping")) {
                        record(frame, text);
                    }
                }
                ws.request(1);
                return null;
            }

            private void record(JsonObject frame, String text) {
                frames.add(text);
                synchronized (lastSeq) {
                    lastSeq[0] = frame.has("seq") ? frame.get("seq").getAsLong() : lastSeq[0];
                }
                snapshot.countDown();
            }
        };
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        WebSocket ws = builder.buildAsync(URI.create(stream.toString().replaceFirst("^http", "ws")), listener).join();
        try {
            if (!snapshot.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no snapshot from " + stream);
            }
            feed.run();
            long deadline = System.nanoTime() + LIMIT.toNanos();
            long stableSince = System.nanoTime();
            long seenSeq = -2;
            while (System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(100);
                JsonObject s = stats.get();
                long seq = s.get("seq").getAsLong();
                long queued = s.getAsJsonObject("inbound").get("queued").getAsLong();
                long received;
                synchronized (lastSeq) {
                    received = lastSeq[0];
                }
                if (seq != seenSeq || queued > 0 || received < seq) {
                    seenSeq = seq;
                    stableSince = System.nanoTime();
                } else if (System.nanoTime() - stableSince > QUIET.toNanos()) {
                    break;
                }
            }
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "exported").exceptionally(e -> null);
        }
        synchronized (frames) {
            return new ArrayList<>(frames);
        }
    }

    /**
     * The page as one HTML file: its style sheet and D3 inline, its modules as {@code data:}
     * URLs behind an import map (a page opened from {@code file://} may not load module files),
     * and the recording in a JSON script element that the page plays instead of connecting.
     */
    public static String bundle(URI base, String token, List<String> frames) {
        HttpClient http = HttpClient.newHttpClient();
        String html = fetch(http, base.resolve("index.html"), token);
        Map<String, String> modules = new LinkedHashMap<>();
        Deque<String> todo = new ArrayDeque<>(List.of("app.js"));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (modules.containsKey(name)) {
                continue;
            }
            String source = fetch(http, base.resolve(name), token);
            Matcher m = IMPORT.matcher(source);
            while (m.find()) {
                todo.push(m.group(1));
            }
            modules.put(name, IMPORT.matcher(source).replaceAll("from 'agentgraph/$1'"));
        }
        JsonObject imports = new JsonObject();
        modules.forEach((name, source) -> imports.addProperty("agentgraph/" + name,
                "data:text/javascript;base64," + Base64.getEncoder().encodeToString(source.getBytes(StandardCharsets.UTF_8))));
        JsonObject map = new JsonObject();
        map.add("imports", imports);
        JsonArray list = new JsonArray();
        for (String f : frames) {
            list.add(JsonParser.parseString(f));
        }
        JsonObject run = new JsonObject();
        run.add("frames", list);

        String css = fetch(http, base.resolve("style.css"), token);
        String d3 = fetch(http, base.resolve("vendor/d3/d3.min.js"), token);
        return html
                .replace("<link rel=\"icon\" href=\"favicon.svg\" type=\"image/svg+xml\">", "")
                .replace("<link rel=\"stylesheet\" href=\"style.css\">", "<style>\n" + inert(css) + "\n</style>")
                .replace("<script src=\"/vendor/d3/d3.min.js\"></script>", "<script>\n" + inert(d3) + "\n</script>")
                .replace("<script type=\"module\" src=\"app.js\"></script>",
                        "<script type=\"importmap\">" + safeJson(map.toString()) + "</script>\n"
                        + "  <script id=\"agentgraph-recording\" type=\"application/json\">" + safeJson(run.toString()) + "</script>\n"
                        + "  <script type=\"module\">import 'agentgraph/app.js';</script>");
    }

    /** JSON that cannot end its script element early: every {@code <} is written as an escape. */
    private static String safeJson(String json) {
        return json.replace("<", "\\u003c");
    }

    /** Script or style text that cannot close its element early. */
    private static String inert(String text) {
        return text.replace("</script", "<\\/script").replace("</style", "<\\/style");
    }

    private static String fetch(HttpClient http, URI uri, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + uri.getPath() + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri.getPath(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
