package dev.agentgraph.installer;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * This machine's name, as {@code uname -n} prints it, for the {@code X-AgentGraph-Host} header of
 * http hooks: the graph tells sessions of different machines apart by it. Written into the
 * settings file at install time, since Claude Code fills no variable into a header it was not
 * given in its environment.
 */
final class HostName {

    private static final int MAX = 253;

    private HostName() {
    }

    static String detect() {
        String name = "";
        try {
            Process p = new ProcessBuilder("uname", "-n").redirectErrorStream(true).start();
            if (p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0) {
                name = new String(p.getInputStream().readNBytes(1024), StandardCharsets.UTF_8).strip();
            } else {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            // No uname: ask Java below.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!valid(name)) {
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                name = "";
            }
        }
        return valid(name) ? name : "unknown";
    }

    /** A name fit for a header: letters, digits, {@code .-_}, at most 253 characters. */
    static boolean valid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
