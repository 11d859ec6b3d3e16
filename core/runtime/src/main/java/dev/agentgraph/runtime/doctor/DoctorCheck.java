package dev.agentgraph.runtime.doctor;

import java.util.List;

/**
 * The checks one agent runtime integration adds to {@code agentgraph doctor}: whether its hooks
 * are registered, whether they run, whether they reach the server. Found with
 * {@link java.util.ServiceLoader} (a {@code META-INF/services/dev.agentgraph.runtime.doctor.DoctorCheck}
 * file), like {@link dev.agentgraph.runtime.cli.CommandProvider}; the core checks the event file
 * and the server itself.
 */
public interface DoctorCheck {

    /** The runtime's name, the heading of its lines: {@code Claude Code}. */
    String runtime();

    /** Runs the checks; each problem comes with its fix. Must finish in bounded time and never throw. */
    List<Finding> check(DoctorContext context);
}
