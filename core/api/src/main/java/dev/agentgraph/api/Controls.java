package dev.agentgraph.api;

import com.google.gson.JsonObject;
import java.util.Optional;

/**
 * The user's control decisions, one owner per AgentGraph: agents stopped and sessions held from
 * the page ({@code docs/control.md}). A route that answers a runtime's synchronous
 * {@code PreToolUse} hook asks {@link #denial} and, when there is one, answers with
 * {@link Denial#hookAnswer()}. Decisions expire with their agent ({@code agent_done}) or session
 * ({@code session_end}), or after a day. Thread-safe; {@link #denial} does no I/O and takes
 * well under a microsecond.
 *
 * <p>Stopping, holding and releasing belong to the runtime alone (its {@code /api} routes, behind
 * the page's anti-forgery token); components only ask.
 *
 * <p>Off unless the server runs with {@code --control} ({@code server.control=true}): then
 * {@link #enabled()} is false, nothing can be stopped and {@link #denial} is always empty.
 */
public interface Controls {

    /** A tool call refused, with the reason the agent reads; its hook answer is made once. */
    final class Denial {

        private final String reason;
        private final String hookAnswer;

        public Denial(String reason) {
            this.reason = reason;
            JsonObject specific = new JsonObject();
            specific.addProperty("hookEventName", "PreToolUse");
            specific.addProperty("permissionDecision", "deny");
            specific.addProperty("permissionDecisionReason", reason);
            JsonObject answer = new JsonObject();
            answer.add("hookSpecificOutput", specific);
            this.hookAnswer = answer.toString();
        }

        public String reason() {
            return reason;
        }

        /**
         * The answer of a {@code PreToolUse} hook that refuses the call: the same JSON for Claude
         * Code (http answer or command stdout) and Codex CLI (command stdout, per its
         * {@code pre-tool-use.command.output} schema).
         */
        public String hookAnswer() {
            return hookAnswer;
        }

        @Override
        public String toString() {
            return "Denial[" + reason + "]";
        }
    }

    /** No control at all: what a component sees when the server runs without {@code --control}. */
    Controls OFF = new Controls() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public Optional<Denial> denial(String sessionId, String agentId, String tool) {
            return Optional.empty();
        }
    };

    /** Whether the server runs with control on. */
    boolean enabled();

    /**
     * The decision for one tool call: a stopped agent's every call is denied, a held session's
     * calls that spawn a sub-agent ({@code Agent}, {@code Task}, {@code spawn_agent}) are; else
     * empty (allowed).
     *
     * @param sessionId the payload's {@code session_id}; null allows
     * @param agentId the payload's {@code agent_id}, null (or {@link Canonical#ORCHESTRATOR}) for
     *     the session's main thread
     * @param tool the payload's {@code tool_name}, or null
     */
    Optional<Denial> denial(String sessionId, String agentId, String tool);
}
