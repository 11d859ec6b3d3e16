package dev.agentgraph.plugins.claudecode;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Where Claude Code keeps a sub-agent's transcript: the {@code agent_transcript_path} its stop
 * names, else beside the session transcript at {@code <session>/subagents/agent-<id>.jsonl}, or
 * one folder deeper for workflow sub-agents ({@code <session>/subagents/workflows/<run>/}).
 * Lookups are a few stats and at most one bounded folder listing.
 */
final class TranscriptFiles {
    /** Workflow runs looked at; a larger folder is not searched whole. */
    private static final int MAX_WORKFLOWS = 32;

    private TranscriptFiles() {
    }

    /** The readable transcript of a sub-agent, or null. */
    static Path subagent(String given, String sessionTranscript, String agentId) {
        Path direct = path(given);
        if (readable(direct)) {
            return direct;
        }
        Path session = path(sessionTranscript);
        if (session == null || agentId == null || !sessionTranscript.endsWith(".jsonl") || !safeId(agentId)) {
            return null;
        }
        String name = session.getFileName().toString();
        Path subagents = session.resolveSibling(name.substring(0, name.length() - ".jsonl".length())).resolve("subagents");
        String file = "agent-" + agentId + ".jsonl";
        Path beside = subagents.resolve(file);
        if (readable(beside)) {
            return beside;
        }
        Path workflows = subagents.resolve("workflows");
        if (!Files.isDirectory(workflows)) {
            return null;
        }
        int seen = 0;
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(workflows)) {
            for (Path run : runs) {
                if (seen++ >= MAX_WORKFLOWS) {
                    break;
                }
                Path candidate = run.resolve(file);
                if (readable(candidate)) {
                    return candidate;
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** Agent ids are short letters, digits and dashes; anything else is no file name of ours. */
    private static boolean safeId(String id) {
        if (id.isEmpty() || id.length() > 64) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static Path path(String s) {
        if (s == null || s.isEmpty() || s.length() > Texts.PATH) {
            return null;
        }
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static boolean readable(Path p) {
        return p != null && Files.isRegularFile(p) && Files.isReadable(p);
    }
}
