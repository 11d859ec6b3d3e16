package dev.agentgraph.runtime.plugins;

import com.google.gson.JsonObject;
import java.nio.file.Path;

/**
 * What became of one plugin: {@code started}, {@code failed} (with the reason), {@code disabled},
 * {@code stopped}, or {@code not built} (a source-tree module without classes).
 */
public record PluginStatus(String id, String version, String description, Path path, String state, String error) {

    public static final String STARTED = "started";
    public static final String FAILED = "failed";

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("id", id);
        json.addProperty("version", version);
        json.addProperty("description", description);
        json.addProperty("path", path == null ? null : path.toString());
        json.addProperty("state", state);
        if (error != null) {
            json.addProperty("error", error);
        }
        return json;
    }
}
