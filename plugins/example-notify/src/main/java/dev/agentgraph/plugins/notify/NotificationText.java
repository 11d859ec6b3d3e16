package dev.agentgraph.plugins.notify;

import dev.agentgraph.api.Canonical;
import dev.agentgraph.api.Event;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the events a user wants to hear about into notifications. It remembers, within a bounded
 * budget, each session's project and each live agent's type and description from earlier events,
 * so that "agent finished" can say which agent, in which project.
 */
final class NotificationText {

    /** Sessions and agents remembered at most; the oldest are forgotten first. */
    static final int REMEMBERED = 4096;

    private final Set<String> wanted;
    private final Map<String, String> projects = bounded();
    private final Map<String, String> agents = bounded();

    NotificationText(Set<String> wanted) {
        this.wanted = Set.copyOf(wanted);
    }

    /** Learns from {@code event} and returns the notification it deserves, if any. */
    Optional<Notification> on(Event event) {
        String session = event.session();
        switch (event.type()) {
            case Canonical.SESSION_START -> projects.put(session, project(event));
            case Canonical.AGENT_SPAWN -> agents.put(key(session, event.string(Canonical.ID)), agentName(event));
            default -> { }
        }
        if (!wanted.contains(event.type())) {
            forget(event, session);
            return Optional.empty();
        }
        String where = projects.getOrDefault(session, shortId(session));
        Optional<Notification> n = Optional.ofNullable(switch (event.type()) {
            case Canonical.AGENT_DONE -> agentDone(event, where);
            case Canonical.WAITING -> new Notification("Waiting for you in " + where,
                    event.string(Canonical.MESSAGE, "A session waits for your answer"));
            case Canonical.TOOL_FAILED -> new Notification(event.string(Canonical.TOOL, "A tool") + " failed in " + where,
                    event.string(Canonical.ERROR, "no error message"));
            case Canonical.SESSION_END -> new Notification("Session ended in " + where,
                    "reason: " + event.string(Canonical.REASON, "unknown"));
            default -> new Notification(event.type() + " in " + where, event.toJson());
        });
        forget(event, session);
        return n;
    }

    private Notification agentDone(Event event, String where) {
        String id = event.string(Canonical.ID, "?");
        String name = agents.getOrDefault(key(event.session(), id), "agent " + shortId(id));
        String outcome = event.string(Canonical.OUTCOME, "done");
        StringBuilder text = new StringBuilder(name).append(": ").append(outcome);
        double ms = event.number(Canonical.DURATION_MS, -1);
        if (ms >= 0) {
            text.append(", ").append(duration((long) ms));
        }
        double cost = event.number(Canonical.COST_USD, -1);
        if (cost >= 0) {
            text.append(String.format(Locale.ROOT, ", $%.4f", cost));
        }
        return new Notification("Agent finished in " + where, text.toString());
    }

    private void forget(Event event, String session) {
        switch (event.type()) {
            case Canonical.AGENT_DONE -> agents.remove(key(session, event.string(Canonical.ID)));
            case Canonical.SESSION_END -> projects.remove(session);
            default -> { }
        }
    }

    private static String project(Event e) {
        String project = e.string(Canonical.PROJECT);
        if (project != null && !project.isBlank()) {
            return project;
        }
        String cwd = e.string(Canonical.CWD);
        return cwd == null ? shortId(e.session()) : cwd.substring(cwd.lastIndexOf('/') + 1);
    }

    private static String agentName(Event e) {
        String type = e.string(Canonical.SUBAGENT_TYPE, "agent");
        String description = e.string(Canonical.DESCRIPTION);
        return description == null ? type : type + " \"" + description + "\"";
    }

    static String duration(long ms) {
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return (ms / 60_000) + " min " + (ms % 60_000) / 1000 + " s";
    }

    private static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    private static String key(String session, String id) {
        return session + "\u0000" + id;
    }

    private static Map<String, String> bounded() {
        return new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > REMEMBERED;
            }
        };
    }
}
