package dev.agentgraph.service;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A systemd user unit, {@code ~/.config/systemd/user/agentgraph.service}. */
final class SystemdUserUnit implements ServiceDefinition {

    static final String NAME = "agentgraph.service";

    private final ServiceEnvironment env;

    SystemdUserUnit(ServiceEnvironment env) {
        this.env = env;
    }

    @Override
    public Path file() {
        return env.userHome().resolve(".config/systemd/user").resolve(NAME);
    }

    @Override
    public String render(List<String> args) {
        String exec = java.util.stream.Stream.concat(java.util.stream.Stream.of(env.launcher().toString()), args.stream())
                .map(SystemdUserUnit::quote).collect(Collectors.joining(" "));
        return """
                # Written by `agentgraph service install`; remove with `agentgraph service uninstall`.
                [Unit]
                Description=AgentGraph: live view of coding agents and their sub-agents
                After=network.target

                [Service]
                Type=simple
                Environment=%s
                ExecStart=%s
                Restart=on-failure
                RestartSec=5
                # The JVM may report a clean SIGTERM stop as 143.
                SuccessExitStatus=143

                [Install]
                WantedBy=default.target
                """.formatted(quote("JAVA_HOME=" + env.javaHome()), exec);
    }

    /**
     * One word for ExecStart or Environment: double-quoted, with backslash and quote escaped, and
     * {@code %} and {@code $} doubled so systemd expands neither specifiers nor variables.
     */
    static String quote(String word) {
        if (word.indexOf('\n') >= 0 || word.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a path or argument contains a line break: " + word.strip());
        }
        String escaped = word.replace("\\", "\\\\").replace("\"", "\\\"").replace("%", "%%").replace("$", "$$");
        return "\"" + escaped + "\"";
    }

    @Override
    public List<List<String>> startCommands() {
        return List.of(List.of("systemctl", "--user", "daemon-reload"),
                List.of("systemctl", "--user", "enable", "--now", NAME));
    }

    @Override
    public List<List<String>> stopCommands() {
        return List.of(List.of("systemctl", "--user", "disable", "--now", NAME));
    }

    @Override
    public List<List<String>> afterRemoveCommands() {
        return List.of(List.of("systemctl", "--user", "daemon-reload"));
    }

    @Override
    public String logHint() {
        return "Logs: journalctl --user -u agentgraph -f\n"
                + "To keep it running while you are logged out: loginctl enable-linger \"$USER\"";
    }
}
