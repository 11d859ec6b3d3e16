package dev.agentgraph.plugins.otlp.multihost;

import com.google.gson.JsonObject;
import dev.agentgraph.testkit.WsClient;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A browser on another machine: connects to {@code /stream} with the token and prints every frame
 * as one line, the snapshot first, until it is stopped. Arguments: ws URL, token.
 */
public final class StreamProbe {

    private StreamProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (WsClient ws = WsClient.connect(URI.create(args[0]), Map.of("Authorization", "Bearer " + args[1]))) {
            ws.snapshot();
            int printed = 0;
            while (!ws.isClosed()) {
                List<JsonObject> frames = ws.frames();
                for (; printed < frames.size(); printed++) {
                    System.out.println(frames.get(printed));
                }
                System.out.flush();
                Thread.sleep(20); // relays what arrived; the test awaits the lines it needs
            }
        }
    }
}
