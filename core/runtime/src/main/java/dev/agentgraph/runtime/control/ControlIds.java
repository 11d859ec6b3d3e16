package dev.agentgraph.runtime.control;

/**
 * Which session and agent ids a decision can name. They become file names in the control
 * directory and are matched by the file-mode hook with shell builtins, so only plain ids qualify:
 * letters, digits, {@code -} and {@code _}, 1 to 128 characters (Claude Code's and Codex's UUIDs
 * and hex ids). The hook applies the same rule and allows any call whose ids break it.
 */
final class ControlIds {

    static final int MAX_LENGTH = 128;

    private ControlIds() {
    }

    static boolean plain(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
