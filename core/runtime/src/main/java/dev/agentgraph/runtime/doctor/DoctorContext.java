package dev.agentgraph.runtime.doctor;

import dev.agentgraph.runtime.config.CoreConfig;
import java.nio.file.Path;

/**
 * What a check needs to know: the configuration AgentGraph runs with (the server's port, its
 * token, the event file it reads), the user's home and the folder doctor runs in (a project's
 * settings live there).
 */
public record DoctorContext(CoreConfig config, Path userHome, Path workingDir) {

    /** The address of the configured server, as a client on this machine reaches it. */
    public String serverAddress() {
        String host = config.host();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + config.port();
    }
}
