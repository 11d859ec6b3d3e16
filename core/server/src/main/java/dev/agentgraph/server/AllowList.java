package dev.agentgraph.server;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The exact {@code Host} and {@code Origin} values this server answers to: the loopback names
 * with the actual port, the bound host, and the configured extra hosts. Anything else, however
 * close (a trailing dot, a suffix, another port), is foreign. This is what defeats DNS rebinding
 * and cross-site WebSockets.
 */
final class AllowList {

    private final Set<String> hosts;
    private final Set<String> origins;

    private AllowList(Set<String> hosts) {
        this.hosts = Set.copyOf(hosts);
        Set<String> o = new LinkedHashSet<>();
        for (String h : hosts) {
            o.add("http://" + h);
        }
        this.origins = Set.copyOf(o);
    }

    static AllowList of(String boundHost, List<String> extraHosts, int port) {
        Set<String> hosts = new LinkedHashSet<>();
        addHost(hosts, "127.0.0.1", port);
        addHost(hosts, "localhost", port);
        addHost(hosts, "[::1]", port);
        if (!Loopback.isWildcard(boundHost)) {
            addHost(hosts, Loopback.asHostHeader(boundHost), port);
        }
        for (String extra : extraHosts) {
            String e = extra.toLowerCase(Locale.ROOT);
            if (hasPort(e)) {
                hosts.add(e);
            } else {
                addHost(hosts, Loopback.asHostHeader(e), port);
            }
        }
        return new AllowList(hosts);
    }

    private static void addHost(Set<String> hosts, String host, int port) {
        hosts.add(host + ":" + port);
        if (port == 80) {
            hosts.add(host); // browsers leave the default port out
        }
    }

    private static boolean hasPort(String hostEntry) {
        if (hostEntry.startsWith("[")) {
            return hostEntry.contains("]:");
        }
        int colon = hostEntry.indexOf(':');
        return colon > 0 && colon == hostEntry.lastIndexOf(':');
    }

    boolean host(String value) {
        return value != null && hosts.contains(value.toLowerCase(Locale.ROOT));
    }

    boolean origin(String value) {
        return value != null && origins.contains(value.toLowerCase(Locale.ROOT));
    }

    Set<String> hosts() {
        return hosts;
    }
}
