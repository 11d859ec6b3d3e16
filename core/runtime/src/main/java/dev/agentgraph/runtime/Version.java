package dev.agentgraph.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of AgentGraph, written into the jar by the build. */
public final class Version {

    private static final String VERSION = read();

    private Version() {
    }

    /** Such as {@code 0.1.0}; {@code 0.0.0} when run from classes the build did not filter. */
    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("/dev/agentgraph/runtime/version.properties")) {
            if (in == null) {
                return "0.0.0";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "0.0.0");
            return v.startsWith("$") ? "0.0.0" : v;
        } catch (IOException e) {
            return "0.0.0";
        }
    }
}
