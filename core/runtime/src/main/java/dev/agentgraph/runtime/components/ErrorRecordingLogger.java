package dev.agentgraph.runtime.components;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

/**
 * A component's logger that also notes its last {@code error} line on the component's record,
 * so that {@code /api/health} and {@code agentgraph doctor} can show a source that broke while
 * running (a tail thread that stopped, a port it lost) and not only one that failed to start.
 * Everything is passed on to the real logger unchanged.
 */
final class ErrorRecordingLogger {

    private static final int MAX_MESSAGE = 300;

    private ErrorRecordingLogger() {
    }

    static Logger wrap(Logger delegate, ComponentRecord record, Clock clock) {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("error") && args != null) {
                        record.loggedError(clock.instant(), message(args));
                    }
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The formatted message of an {@code error(…)} call, with or without a marker, cut short. */
    static String message(Object[] args) {
        int from = args.length > 0 && args[0] instanceof Marker ? 1 : 0;
        if (from >= args.length || !(args[from] instanceof String format)) {
            return "";
        }
        Object[] rest = Arrays.copyOfRange(args, from + 1, args.length);
        if (rest.length == 1 && rest[0] instanceof Object[] varargs) {
            rest = varargs;
        }
        String text = MessageFormatter.arrayFormat(format, rest).getMessage();
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "…";
    }
}
