package dev.agentgraph.runtime.doctor;

/**
 * One line of {@code agentgraph doctor}: what was checked and how it is, and when it is not
 * well, what to do about it.
 *
 * @param fix null when {@code ok}
 */
public record Finding(boolean ok, String text, String fix) {

    public static Finding ok(String text) {
        return new Finding(true, text, null);
    }

    public static Finding problem(String text, String fix) {
        return new Finding(false, text, fix);
    }
}
