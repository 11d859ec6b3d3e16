package dev.agentgraph.plugins.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;

/**
 * Reads OTLP attributes by key. A sender may type a value as it likes (Claude Code sends numbers
 * as strings, the SDKs as ints or doubles), so every reader accepts every scalar form. Strings
 * come out bounded.
 */
final class Attributes {

    private final List<KeyValue> list;

    private Attributes(List<KeyValue> list) {
        this.list = list;
    }

    static Attributes of(List<KeyValue> list) {
        return new Attributes(list);
    }

    private AnyValue value(String key) {
        for (KeyValue kv : list) {
            if (kv.getKey().equals(key)) {
                return kv.getValue();
            }
        }
        return null;
    }

    boolean has(String key) {
        return value(key) != null;
    }

    /** The value as text, at most {@code max} characters; {@code null} when absent or empty. */
    String string(String key, int max) {
        AnyValue v = value(key);
        if (v == null) {
            return null;
        }
        String s = switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case INT_VALUE -> Long.toString(v.getIntValue());
            case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
            case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
            default -> null;
        };
        return Texts.nonEmpty(Texts.bound(s, max));
    }

    /** The first of {@code keys} present, as text. */
    String firstString(int max, String... keys) {
        for (String key : keys) {
            String s = string(key, max);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    /** The value as a finite number; {@code NaN} when absent or not a number. */
    double number(String key) {
        AnyValue v = value(key);
        if (v == null) {
            return Double.NaN;
        }
        double d = switch (v.getValueCase()) {
            case INT_VALUE -> v.getIntValue();
            case DOUBLE_VALUE -> v.getDoubleValue();
            case STRING_VALUE -> parse(v.getStringValue());
            default -> Double.NaN;
        };
        return Double.isFinite(d) ? d : Double.NaN;
    }

    /** A true/false value ({@code "true"} and {@code "false"} strings too); {@code null} when absent. */
    Boolean bool(String key) {
        AnyValue v = value(key);
        if (v == null) {
            return null;
        }
        return switch (v.getValueCase()) {
            case BOOL_VALUE -> v.getBoolValue();
            case STRING_VALUE -> "true".equalsIgnoreCase(v.getStringValue()) ? Boolean.TRUE
                    : "false".equalsIgnoreCase(v.getStringValue()) ? Boolean.FALSE : null;
            default -> null;
        };
    }

    private static double parse(String s) {
        if (s.isEmpty() || s.length() > 40) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
