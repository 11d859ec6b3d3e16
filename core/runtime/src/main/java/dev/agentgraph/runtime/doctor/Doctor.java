package dev.agentgraph.runtime.doctor;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Runs every check: AgentGraph's own (the event file, the server), then each runtime's
 * ({@link DoctorCheck}s on the class path). A check that throws becomes a problem line; the
 * others still run.
 */
public final class Doctor {

    /** The heading of the core's own lines. */
    public static final String CORE = "AgentGraph";

    private Doctor() {
    }

    /** Findings by heading, in order. */
    public static Map<String, List<Finding>> run(DoctorContext context, Clock clock) {
        Map<String, List<Finding>> all = new LinkedHashMap<>();
        List<Finding> core = new ArrayList<>(EventFileCheck.check(context.config().eventsFile(), clock.instant()));
        core.addAll(ServerCheck.check(context, clock.instant()));
        all.put(CORE, core);
        for (DoctorCheck check : ServiceLoader.load(DoctorCheck.class)) {
            try {
                all.put(check.runtime(), check.check(context));
            } catch (RuntimeException e) {
                all.put(check.runtime(), List.of(Finding.problem("the check itself failed: " + e,
                        "report this; the other checks above still hold")));
            }
        }
        return all;
    }
}
