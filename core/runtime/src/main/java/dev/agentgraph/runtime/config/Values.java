package dev.agentgraph.runtime.config;

import dev.agentgraph.api.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses configuration values. Every parser names the key in the {@link ConfigException} it throws,
 * so a bad value is reported as {@code plugin.x.timeout: "soon" is not a duration (…)}.
 */
public final class Values {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg]?)(i?b)?");

    private Values() {
    }

    public static int integer(String key, String value) {
        long n = longValue(key, value);
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
            throw new ConfigException(key, quote(value) + " is out of range for an integer");
        }
        return (int) n;
    }

    public static long longValue(String key, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, quote(value) + " is not a whole number");
        }
    }

    public static double number(String key, String value) {
        try {
            double d = Double.parseDouble(value.trim());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, quote(value) + " is not a number");
        }
    }

    /** {@code true}/{@code false}, also {@code yes}/{@code no} and {@code on}/{@code off}. */
    public static boolean bool(String key, String value) {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> {
                return true;
            }
            case "false", "no", "off" -> {
                return false;
            }
            default -> throw new ConfigException(key, quote(value) + " is not true or false");
        }
    }

    /** {@code 250ms}, {@code 30s}, {@code 30m}, {@code 2h}, {@code 1d}, or ISO-8601 such as {@code PT30M}. */
    public static Duration duration(String key, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        if (v.startsWith("p")) {
            try {
                Duration d = Duration.parse(value.trim());
                if (!d.isNegative()) {
                    return d;
                }
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw new ConfigException(key, quote(value) + " is not a duration (use 250ms, 30s, 5m, 2h, 1d or PT30M)");
    }

    /** Bytes: {@code 1048576}, {@code 64k}, {@code 1m}, {@code 1g} (binary units; {@code kb}, {@code KiB} too). */
    public static long bytes(String key, String value) {
        Matcher m = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new ConfigException(key, quote(value) + " is not a size (use 65536, 64k, 1m or 1g)");
        }
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        try {
            long n = Long.parseLong(m.group(1));
            if (n > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            return n << shift;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, quote(value) + " is too large");
        }
    }

    /** A path; a leading {@code ~/} (or a lone {@code ~}) means the user's home. */
    public static Path path(String key, String value) {
        String v = value.trim();
        if (v.isEmpty()) {
            throw new ConfigException(key, "an empty path");
        }
        try {
            if (v.equals("~")) {
                return Home.user();
            }
            if (v.startsWith("~/")) {
                return Home.user().resolve(v.substring(2));
            }
            return Path.of(v);
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConfigException(key, quote(value) + " is not a valid path");
        }
    }

    /** A TCP port, 0 (any free port) to 65535. */
    public static int port(String key, String value) {
        int port = integer(key, value);
        if (port < 0 || port > 65_535) {
            throw new ConfigException(key, quote(value) + " is not a port (0-65535)");
        }
        return port;
    }

    /** A whole number of at least {@code min}. */
    public static int atLeast(String key, String value, int min) {
        int n = integer(key, value);
        if (n < min) {
            throw new ConfigException(key, quote(value) + " must be at least " + min);
        }
        return n;
    }

    static String quote(String value) {
        String v = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        return "\"" + v + "\"";
    }
}
