package dev.agentgraph.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A launchd user agent, {@code ~/Library/LaunchAgents/dev.agentgraph.plist}. */
final class LaunchdAgent implements ServiceDefinition {

    static final String LABEL = "dev.agentgraph";

    private final ServiceEnvironment env;

    LaunchdAgent(ServiceEnvironment env) {
        this.env = env;
    }

    @Override
    public Path file() {
        return env.userHome().resolve("Library/LaunchAgents").resolve(LABEL + ".plist");
    }

    Path logFile() {
        return env.userHome().resolve("Library/Logs/agentgraph.log");
    }

    @Override
    public String render(List<String> args) {
        List<String> program = new ArrayList<>();
        program.add(env.launcher().toString());
        program.addAll(args);
        StringBuilder arguments = new StringBuilder();
        for (String a : program) {
            arguments.append("    <string>").append(xml(a)).append("</string>\n");
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
                <!-- Written by `agentgraph service install`; remove with `agentgraph service uninstall`. -->
                <plist version="1.0">
                <dict>
                  <key>Label</key>
                  <string>%s</string>
                  <key>ProgramArguments</key>
                  <array>
                %s  </array>
                  <key>EnvironmentVariables</key>
                  <dict>
                    <key>JAVA_HOME</key>
                    <string>%s</string>
                  </dict>
                  <key>RunAtLoad</key>
                  <true/>
                  <!-- Restart after a crash, not after a clean stop. -->
                  <key>KeepAlive</key>
                  <dict>
                    <key>SuccessfulExit</key>
                    <false/>
                  </dict>
                  <key>StandardOutPath</key>
                  <string>%s</string>
                  <key>StandardErrorPath</key>
                  <string>%s</string>
                </dict>
                </plist>
                """.formatted(LABEL, arguments, xml(env.javaHome().toString()), xml(logFile().toString()),
                xml(logFile().toString()));
    }

    static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public List<List<String>> startCommands() {
        return List.of(List.of("launchctl", "load", "-w", file().toString()));
    }

    @Override
    public List<List<String>> stopCommands() {
        return List.of(List.of("launchctl", "unload", "-w", file().toString()));
    }

    @Override
    public List<List<String>> afterRemoveCommands() {
        return List.of();
    }

    @Override
    public String logHint() {
        return "Logs: tail -f " + logFile();
    }
}
