package dev.agentgraph.plugins.otlp;

/** The team's newer canonical types and outcomes, until they are constants of the api. */
final class Types {

    static final String SESSION_UPDATE = "session_update";
    static final String AGENT_UPDATE = "agent_update";
    static final String OUTCOME_SUCCESS = "success";
    static final String OUTCOME_FAILURE = "failure";
    /** A span taken for an agent turned out to be something else (a tool call, a model call). */
    static final String OUTCOME_REPLACED = "replaced";

    private Types() {
    }
}
