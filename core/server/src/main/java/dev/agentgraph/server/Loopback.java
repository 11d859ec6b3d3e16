package dev.agentgraph.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/** Whether a configured host name or address only ever means this machine. */
final class Loopback {

    private Loopback() {
    }

    static boolean isLoopback(String host) {
        String h = stripBrackets(host).toLowerCase(Locale.ROOT);
        if (h.equals("localhost")) {
            return true;
        }
        try {
            InetAddress[] all = InetAddress.getAllByName(h);
            for (InetAddress a : all) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return all.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static boolean isWildcard(String host) {
        String h = stripBrackets(host);
        return h.equals("0.0.0.0") || h.equals("::") || h.equals("0:0:0:0:0:0:0:0");
    }

    static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The host as it appears in a {@code Host} header: IPv6 literals in brackets, lower case. */
    static String asHostHeader(String host) {
        String h = stripBrackets(host).toLowerCase(Locale.ROOT);
        return h.indexOf(':') >= 0 ? "[" + h + "]" : h;
    }
}
