package dev.agentgraph.runtime.doctor;

import java.util.List;

/**
 * Where {@code agentgraph doctor} gets the checks beyond its own: found with
 * {@link java.util.ServiceLoader} (a {@code META-INF/services/dev.agentgraph.runtime.doctor.DoctorChecks}
 * file). The installer's provider makes one {@link DoctorCheck} per runtime integration it finds.
 * A provider that throws becomes one problem line; the other checks still run.
 */
public interface DoctorChecks {

    /** The checks to run, each under its own heading, in order. */
    List<DoctorCheck> checks(DoctorContext context);
}
