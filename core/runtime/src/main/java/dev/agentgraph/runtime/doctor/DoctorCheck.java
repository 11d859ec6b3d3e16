package dev.agentgraph.runtime.doctor;

import java.util.List;

/**
 * The checks one agent runtime integration adds to {@code agentgraph doctor}: whether its hooks
 * are registered, whether they run, whether they reach the server. Made by a {@link DoctorChecks}
 * provider; the core checks the event file and the server itself.
 */
public interface DoctorCheck {

    /** The runtime's name, the heading of its lines: {@code Codex CLI}. */
    String runtime();

    /**
     * Runs the checks; each problem comes with its fix. Must finish in bounded time. A
     * {@link RuntimeException} becomes one problem line under {@link #runtime()} (and the event
     * file is then checked too); the other checks still run.
     */
    Result check(DoctorContext context);

    /**
     * The runtime's lines, and whether its hooks deliver through the event file (file mode) or
     * not (http hooks): only then are the event file's lines (is it growing, when came the last
     * event) about this runtime.
     */
    record Result(List<Finding> findings, boolean usesEventFile) {
    }
}
