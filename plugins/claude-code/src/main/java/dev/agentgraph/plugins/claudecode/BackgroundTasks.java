package dev.agentgraph.plugins.claudecode;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.agentgraph.api.Canonical;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the picture against Claude Code's own list of what still runs: the
 * {@code background_tasks[]} of a {@code Stop} or {@code SubagentStop} ({@code id},
 * {@code type: subagent | shell | teammate}, {@code status}, {@code description}).
 *
 * <ul>
 *   <li>A background sub-agent (or a teammate whose task id is known) held alive but no longer
 *       listed has ended unseen: it leaves with outcome {@code lost}; one listed with a finished
 *       status leaves with that outcome.</li>
 *   <li>A listed running sub-agent that is not known (a restart, a lost {@code SubagentStart})
 *       appears, its edge to the orchestrator marked inferred; a listed teammate likewise.</li>
 *   <li>An agent active within {@link #GRACE} is only marked when left out, and leaves at a
 *       later tick if it stays silent ({@link #sweep}); a stopping background agent that its own
 *       list leaves out (Claude Code lists it as running) shows the list is not the session's,
 *       and nothing is judged by it.</li>
 *   <li>Foreground agents are never listed, so they are never judged by the list; the stopping
 *       agent (which lists itself as running) is left to its own stop; shells are not agents.</li>
 * </ul>
 */
final class BackgroundTasks {
    /**
     * An agent active this recently is not judged lost by one listing that leaves it out: it is
     * marked and leaves only if it stays silent this long. A list written a moment before the
     * agent registered, or one that names less than the whole session, must not end a working
     * agent; an agent whose stop was really lost is silent.
     */
    static final Duration GRACE = Duration.ofSeconds(30);
    /** Entries looked at per list; a longer list is cut, never worked through whole. */
    private static final int MAX_ENTRIES = 256;

    private BackgroundTasks() {
    }

    /** One listed task. */
    private record Entry(String id, String type, String status, String description, String agentType) {
        boolean running() {
            return status == null || "running".equals(status) || "pending".equals(status);
        }
    }

    /** What a reconciliation did, for the counters. */
    record Result(List<String> lost, int appeared) {
    }

    /**
     * Reconciles session {@code s} with {@code list}; {@code stopping} is the node whose stop
     * carried it ({@code main} for a {@code Stop}).
     */
    static Result reconcile(SessionTrack s, JsonArray list, String stopping, Out out) {
        Map<String, Entry> subagents = new HashMap<>();
        List<Entry> teammates = new ArrayList<>();
        int n = 0;
        for (JsonElement el : list) {
            if (n++ >= MAX_ENTRIES) {
                break;
            }
            if (!el.isJsonObject()) {
                continue;
            }
            JsonObject o = el.getAsJsonObject();
            Entry entry = new Entry(Texts.bound(Texts.string(o, "id"), Texts.NAME), Texts.string(o, "type"),
                    Texts.bound(Texts.string(o, "status"), 20), Texts.bound(Texts.string(o, "description"), Texts.SUMMARY),
                    Texts.bound(Texts.string(o, "agent_type"), Texts.NAME));
            if (entry.id() == null) {
                continue;
            }
            if ("subagent".equals(entry.type())) {
                subagents.put(entry.id(), entry);
            } else if ("teammate".equals(entry.type())) {
                teammates.add(entry);
            }
        }
        List<String> lost = new ArrayList<>();
        AgentTrack stopper = s.agents.get(stopping);
        if (stopper != null && stopper.background && !stopper.teammate && !subagents.containsKey(stopping)) {
            return new Result(lost, 0);
        }
        for (AgentTrack agent : new ArrayList<>(s.agents.values())) {
            if (agent.stop != null || agent.id.equals(stopping)) {
                continue;
            }
            boolean judged = agent.teammate ? agent.backgroundId != null : agent.background;
            if (!judged) {
                continue;
            }
            Entry entry = agent.teammate ? find(teammates, agent.backgroundId) : subagents.get(agent.id);
            if (entry == null) {
                if (Duration.between(agent.lastActive, out.at).compareTo(GRACE) >= 0) {
                    lost.add(agent.id);
                    AgentTree.finish(s, agent, Canonical.OUTCOME_LOST, null, null, out);
                } else {
                    agent.unlisted = true;
                }
            } else if (!entry.running()) {
                AgentTree.finish(s, agent, outcomeOf(entry.status()), null, null, out);
            } else {
                agent.unlisted = false;
            }
        }
        int appeared = 0;
        for (Entry entry : subagents.values()) {
            if (entry.running() && !entry.id().equals(stopping) && !s.agents.containsKey(entry.id())
                    && !s.isDone(entry.id())) {
                AgentTrack agent = AgentTree.spawnListed(s, entry.id(), entry.agentType(), entry.description(), out);
                agent.background = true;
                appeared++;
            }
        }
        for (Entry entry : teammates) {
            if (entry.running() && claim(s, entry) == null) {
                AgentTrack t = Teams.teammate(s, entry.id(), null, out);
                t.backgroundId = entry.id();
                appeared++;
            }
        }
        return new Result(lost, appeared);
    }

    /** On a tick: agents left out of a listing and silent since then for {@link #GRACE} are lost. */
    static List<String> sweep(SessionTrack s, Instant now, Out out) {
        List<String> lost = new ArrayList<>();
        for (AgentTrack agent : new ArrayList<>(s.agents.values())) {
            if (agent.unlisted && agent.stop == null && !now.isBefore(agent.lastActive.plus(GRACE))) {
                lost.add(agent.id);
                AgentTree.finish(s, agent, Canonical.OUTCOME_LOST, null, null, out);
            }
        }
        return lost;
    }

    /** The teammate a listed entry stands for: by its task id, else by the start of its spawn prompt. */
    private static AgentTrack claim(SessionTrack s, Entry entry) {
        for (AgentTrack a : s.agents.values()) {
            if (a.teammate && entry.id().equals(a.backgroundId)) {
                return a;
            }
        }
        for (AgentTrack a : s.agents.values()) {
            if (a.teammate && a.backgroundId == null && a.prompt != null && entry.description() != null
                    && head(a.prompt).equals(head(entry.description()))) {
                a.backgroundId = entry.id();
                return a;
            }
        }
        return null;
    }

    /** Enough of a prompt to recognise it; both sides are bounded differently. */
    private static String head(String text) {
        return text.substring(0, Math.min(40, text.length()));
    }

    private static Entry find(List<Entry> entries, String id) {
        for (Entry e : entries) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        return null;
    }

    private static String outcomeOf(String status) {
        return switch (status) {
            case "completed" -> Canonical.OUTCOME_SUCCESS;
            case "failed" -> Canonical.OUTCOME_FAILURE;
            case "killed", "stopped", "cancelled" -> Canonical.OUTCOME_INTERRUPTED;
            default -> Texts.bound(status, 40);
        };
    }
}
