package dev.agentgraph.runtime.doctor;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Runs every check: AgentGraph's own (the event file, the server), then each runtime's
 * (the {@link DoctorCheck}s of every {@link DoctorChecks} on the class path). The event file is checked when a runtime's hooks
 * write to it (or no runtime says): http hooks never make it grow. A check that throws becomes
 * a problem line; the others still run.
 */
public final class Doctor {

    /** The heading of the core's own lines. */
    public static final String CORE = "AgentGraph";

    private Doctor() {
    }

    /** Findings by heading, in order. */
    public static Map<String, List<Finding>> run(DoctorContext context, Clock clock) {
        Map<String, List<Finding>> runtimes = new LinkedHashMap<>();
        boolean eventFileUsed = false;
        boolean anyRuntime = false;
        List<DoctorCheck> checks = new ArrayList<>();
        for (DoctorChecks provider : ServiceLoader.load(DoctorChecks.class)) {
            try {
                checks.addAll(provider.checks(context));
            } catch (RuntimeException | LinkageError e) {
                runtimes.put(provider.getClass().getSimpleName(), List.of(Finding.problem(
                        "cannot make the checks: " + e, "report this; the other checks still hold")));
            }
        }
        for (DoctorCheck check : checks) {
            anyRuntime = true;
            try {
                DoctorCheck.Result result = check.check(context);
                runtimes.put(check.runtime(), result.findings());
                eventFileUsed |= result.usesEventFile();
            } catch (RuntimeException e) {
                runtimes.put(check.runtime(), List.of(Finding.problem("the check itself failed: " + e,
                        "report this; the other checks still hold")));
                eventFileUsed = true;
            }
        }
        List<Finding> core = new ArrayList<>();
        Optional<Instant> fileLast = Optional.empty();
        if (eventFileUsed || !anyRuntime) {
            core.addAll(EventFileCheck.check(context.config().eventsFile(), clock.instant()));
            fileLast = EventFileCheck.lastEvent(context.config().eventsFile());
        }
        core.addAll(ServerCheck.check(context, clock.instant(), fileLast));
        Map<String, List<Finding>> all = new LinkedHashMap<>();
        all.put(CORE, core);
        all.putAll(runtimes);
        return all;
    }
}
