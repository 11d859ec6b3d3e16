package dev.agentgraph.plugins.otlp;

import dev.agentgraph.api.Canonical;

/** Bounded strings: every string taken from a request is cut before it is kept or sent on. */
final class Texts {

    /** Session, agent, tool-call ids, host and runtime names. */
    static final int ID = 128;
    /** Agent and tool names, models. */
    static final int NAME = 120;
    /** Descriptions and error messages. */
    static final int MESSAGE = 200;

    private Texts() {
    }

    /** At most {@code max} characters, with an ellipsis when cut; never splits a surrogate pair. */
    static String bound(String s, int max) {
        return Canonical.bound(s, max);
    }

    /** {@code null} for an empty string, so that absent and empty mean the same. */
    static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
