package dev.agentgraph.plugins.httpingest.bench;

/** Typical Claude Code hook payloads for the benchmark: a 2 KiB PostToolUse of Bash. */
final class Payloads {

    private static final String PAD = "x".repeat(1500);

    private Payloads() {
    }

    static String postToolUse(int session, int n) {
        String id = String.format("52e6b438-f2a7-4269-8651-%012d", session);
        return "{\"session_id\":\"" + id + "\",\"transcript_path\":\"/home/dev/.claude/projects/-home-dev-myrepo/" + id
                + ".jsonl\",\"cwd\":\"/home/dev/myrepo\",\"permission_mode\":\"default\",\"hook_event_name\":\"PostToolUse\","
                + "\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"npm test\",\"description\":\"Run the tests\"},"
                + "\"tool_use_id\":\"toolu_" + session + "_" + n + "\",\"tool_response\":{\"stdout\":\"" + PAD
                + "\",\"stderr\":\"\",\"interrupted\":false,\"isImage\":false},\"duration_ms\":2153}";
    }
}
