package dev.agentgraph.plugins.otlp;

/**
 * An agent known from GenAI spans. Spans are exported when they end, so children come first: a
 * parent span not seen yet is taken for an agent ({@code inferred}) until its own span arrives.
 * If that span is an {@code invoke_agent}, the agent completes; if it is something else (a tool
 * call that ran a sub-agent, a model call), the guess is withdrawn and what names it as parent
 * belongs to the agent enclosing it ({@code alias}).
 */
final class SpanAgent {

    final String key;
    final String session;
    final String id;
    String parentId;
    boolean inferred;
    boolean completed;
    String name;
    String model;
    /** The key of the agent that replaced this guess, once withdrawn. */
    String alias;
    final Usage usage = new Usage();

    SpanAgent(String key, String session, String id) {
        this.key = key;
        this.session = session;
        this.id = id;
    }
}
