package dev.agentgraph.runtime.components;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.SubstituteLogger;

/**
 * A component's logger that also notes its last {@code error} line on the component's record,
 * so that {@code /api/health} and {@code agentgraph doctor} can show a source that broke while
 * running (a tail thread that stopped, a port it lost) and not only one that failed to start.
 * Everything is passed on to the real logger unchanged.
 *
 * <p>SLF4J's own {@link SubstituteLogger} forwards every method to the real logger; this class
 * only adds the note to the ten {@code error} methods. (A dynamic proxy did the same with less
 * code, but generating its class cost 12 ms of every start.)
 */
final class ErrorRecordingLogger extends SubstituteLogger {

    private static final int MAX_MESSAGE = 300;

    private final ComponentRecord record;
    private final Clock clock;

    private ErrorRecordingLogger(Logger delegate, ComponentRecord record, Clock clock) {
        super(delegate.getName(), null, true);
        setDelegate(delegate);
        this.record = record;
        this.clock = clock;
    }

    static Logger wrap(Logger delegate, ComponentRecord record, Clock clock) {
        return new ErrorRecordingLogger(delegate, record, clock);
    }

    private void note(String format, Object... args) {
        record.loggedError(clock.instant(), message(format, args));
    }

    /** The formatted message of an {@code error(…)} call, cut short. */
    static String message(String format, Object... args) {
        if (format == null) {
            return "";
        }
        String text = MessageFormatter.arrayFormat(format, args).getMessage();
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "…";
    }

    @Override
    public void error(String msg) {
        note(msg);
        super.error(msg);
    }

    @Override
    public void error(String format, Object arg) {
        note(format, arg);
        super.error(format, arg);
    }

    @Override
    public void error(String format, Object arg1, Object arg2) {
        note(format, arg1, arg2);
        super.error(format, arg1, arg2);
    }

    @Override
    public void error(String format, Object... arguments) {
        note(format, arguments);
        super.error(format, arguments);
    }

    @Override
    public void error(String msg, Throwable t) {
        note(msg);
        super.error(msg, t);
    }

    @Override
    public void error(Marker marker, String msg) {
        note(msg);
        super.error(marker, msg);
    }

    @Override
    public void error(Marker marker, String format, Object arg) {
        note(format, arg);
        super.error(marker, format, arg);
    }

    @Override
    public void error(Marker marker, String format, Object arg1, Object arg2) {
        note(format, arg1, arg2);
        super.error(marker, format, arg1, arg2);
    }

    @Override
    public void error(Marker marker, String format, Object... arguments) {
        note(format, arguments);
        super.error(marker, format, arguments);
    }

    @Override
    public void error(Marker marker, String msg, Throwable t) {
        note(msg);
        super.error(marker, msg, t);
    }
}
