package dev.agentgraph.api;

/**
 * A settings file whose structure a {@link HookInstaller} cannot merge into, such as a
 * {@code hooks} member that is not an object: reported as a malformed file, which stays as it was.
 */
public class SettingsShapeException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, in the file's own terms: {@code "hooks" is not an object} */
    public SettingsShapeException(String message) {
        super(message);
    }
}
