package dev.agentgraph.plugins.otlp.multihost;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Separate machines on one host: network namespaces joined by veth pairs to a bridge in the
 * central one, on 192.0.2.0/24 (TEST-NET-1, documentation only). Everything is made inside the
 * namespaces created here: no address or route is added to the host's own network, and nothing
 * in them reaches beyond. Removing the namespaces removes it all.
 */
final class Netns implements AutoCloseable {

    static final String SUBNET_PREFIX = "192.0.2.";
    static final String CENTRAL_ADDRESS = SUBNET_PREFIX + "1";

    final String central;
    final List<String> machines = new ArrayList<>();
    private final List<String> made = new ArrayList<>();

    private Netns(String tag, int machineCount) {
        this.central = "ag" + tag + "c";
        for (int i = 1; i <= machineCount; i++) {
            machines.add("ag" + tag + "m" + i);
        }
    }

    /** Makes the namespaces, or skips the test saying why they cannot be made here. */
    static Netns create(int machineCount) {
        Netns net = new Netns(Long.toString(ProcessHandle.current().pid() % 100_000), machineCount);
        try {
            net.setUp();
        } catch (IOException | InterruptedException e) {
            net.close();
            Assumptions.abort("network namespaces cannot be made here (they need root and iproute2): " + e.getMessage());
        }
        return net;
    }

    private void setUp() throws IOException, InterruptedException {
        ip("netns", "add", central);
        made.add(central);
        ip("-n", central, "link", "set", "lo", "up");
        ip("-n", central, "link", "add", "br0", "type", "bridge");
        ip("-n", central, "addr", "add", CENTRAL_ADDRESS + "/24", "dev", "br0");
        ip("-n", central, "link", "set", "br0", "up");
        for (int i = 0; i < machines.size(); i++) {
            String m = machines.get(i);
            ip("netns", "add", m);
            made.add(m);
            ip("-n", m, "link", "set", "lo", "up");
            String port = "port" + (i + 1);
            ip("-n", central, "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", m);
            ip("-n", central, "link", "set", port, "master", "br0");
            ip("-n", central, "link", "set", port, "up");
            ip("-n", m, "addr", "add", address(i) + "/24", "dev", "eth0");
            ip("-n", m, "link", "set", "eth0", "up");
        }
    }

    /** The address of machine {@code i} (from 0). */
    static String address(int i) {
        return SUBNET_PREFIX + (11 + i);
    }

    /** Starts {@code command} inside namespace {@code ns}, its standard error appended to {@code errors}. */
    static Process exec(String ns, List<String> command, java.nio.file.Path errors) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(command);
        return new ProcessBuilder(full).redirectError(ProcessBuilder.Redirect.appendTo(errors.toFile())).start();
    }

    /** Runs {@code command} inside {@code ns} to its end; its standard output. */
    static String run(String ns, List<String> command, java.nio.file.Path errors) throws IOException, InterruptedException {
        Process p = exec(ns, command, errors);
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command + " in " + ns + " did not finish");
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private static void ip(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("no ip command (" + e.getMessage() + ")");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + ": " + out);
        }
    }

    @Override
    public void close() {
        for (String ns : made) {
            try {
                ip("netns", "del", ns);
            } catch (IOException | InterruptedException e) {
                System.err.println("could not remove network namespace " + ns + ": " + e.getMessage());
            }
        }
        made.clear();
    }
}
