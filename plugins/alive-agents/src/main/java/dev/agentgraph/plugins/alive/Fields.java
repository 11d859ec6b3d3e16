package dev.agentgraph.plugins.alive;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.agentgraph.api.Event;
import java.util.Set;

/** How an update event changes what is kept of an agent or a session: named members only. */
final class Fields {

    private Fields() {
    }

    /** Copies the members {@code names} of {@code update} into {@code kept}; a JSON null removes one. */
    static void merge(JsonObject kept, Event update, Set<String> names) {
        for (String name : names) {
            JsonElement value = update.get(name); // a copy: the event stays as it was
            if (value == null) {
                continue;
            }
            if (value.isJsonNull()) {
                kept.remove(name);
            } else {
                kept.add(name, value);
            }
        }
    }
}
