package dev.agentgraph.installer;

/** A settings file that cannot be read or changed; the message is one line for the user. */
public final class SettingsException extends Exception {

    public SettingsException(String message) {
        super(message);
    }

    public SettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
