package dev.agentgraph.plugins.claudecode;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A session's shared task list, as {@code TaskCreated}/{@code TaskCompleted} and the
 * {@code TaskCreate}/{@code TaskUpdate} tools tell it. Capped: past {@link #MAX} the oldest task
 * is forgotten, because a task list is a view of now, not a history.
 */
final class SessionTasks {
    static final int MAX = 50;
    private static final int SUBJECT = 80;

    private final Map<String, Task> tasks = new LinkedHashMap<>();

    /** One task: its subject, {@code pending | in_progress | completed | deleted}, and its owner. */
    private static final class Task {
        String subject;
        String status = "pending";
        String owner;
    }

    /** Records what is known of a task; true when the list changed. Null arguments keep what was known. */
    boolean put(String id, String subject, String status, String owner) {
        if (id == null || id.isEmpty()) {
            return false;
        }
        id = Texts.bound(id, 40);
        Task t = tasks.get(id);
        boolean created = t == null;
        if (created) {
            t = new Task();
            tasks.put(id, t);
            if (tasks.size() > MAX) {
                Iterator<Task> it = tasks.values().iterator();
                it.next();
                it.remove();
            }
        }
        String oldSubject = t.subject;
        String oldStatus = t.status;
        String oldOwner = t.owner;
        if (subject != null) {
            t.subject = Texts.bound(Texts.oneLine(subject), SUBJECT);
        }
        if (status != null) {
            t.status = Texts.bound(status, 20);
        }
        if (owner != null) {
            t.owner = Texts.bound(owner, 60);
        }
        if ("deleted".equals(t.status)) {
            tasks.remove(id);
            return true;
        }
        return created || !Objects.equals(oldSubject, t.subject) || !Objects.equals(oldStatus, t.status)
                || !Objects.equals(oldOwner, t.owner);
    }

    /** The subject of a task, or null. */
    String subject(String id) {
        Task t = id == null ? null : tasks.get(id);
        return t == null ? null : t.subject;
    }

    boolean isEmpty() {
        return tasks.isEmpty();
    }

    JsonArray toJson() {
        JsonArray list = new JsonArray();
        for (Map.Entry<String, Task> e : tasks.entrySet()) {
            JsonObject o = new JsonObject();
            o.addProperty("id", e.getKey());
            o.addProperty("subject", e.getValue().subject);
            o.addProperty("status", e.getValue().status);
            if (e.getValue().owner != null) {
                o.addProperty("owner", e.getValue().owner);
            }
            list.add(o);
        }
        return list;
    }
}
