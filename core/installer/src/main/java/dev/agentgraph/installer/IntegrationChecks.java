package dev.agentgraph.installer;

import dev.agentgraph.api.RuntimeIntegration;
import dev.agentgraph.runtime.doctor.DoctorCheck;
import dev.agentgraph.runtime.doctor.DoctorChecks;
import dev.agentgraph.runtime.doctor.DoctorContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Doctor's checks for the runtime integrations installed: one heading for each runtime whose
 * hooks are registered somewhere; when none is, one for each (so that the missing hooks are
 * said, with the command that installs them). The plugins stay loaded for the checks to run:
 * doctor is a command that exits when it is done.
 */
public final class IntegrationChecks implements DoctorChecks {

    @Override
    public List<DoctorCheck> checks(DoctorContext context) {
        List<HooksDoctor> all = new ArrayList<>();
        Integrations found = Integrations.load(context.config().pluginsDir());
        for (RuntimeIntegration runtime : found.all()) {
            all.add(new HooksDoctor(runtime));
        }
        List<DoctorCheck> used = new ArrayList<>();
        for (HooksDoctor d : all) {
            if (d.used(context)) {
                used.add(d);
            }
        }
        return used.isEmpty() ? List.copyOf(all) : used;
    }
}
