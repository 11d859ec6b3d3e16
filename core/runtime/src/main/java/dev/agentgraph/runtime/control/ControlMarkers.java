package dev.agentgraph.runtime.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;

/**
 * The decisions as files, for the file-mode hook, which may not start a process: under the event
 * file's folder, {@code control/<session>/<agent>.stop} for a stopped agent and
 * {@code control/<session>/<tool>.hold} for each spawning tool of a held session. Each file holds
 * the one line the hook prints (the deny answer), so the reasons and their JSON live here only.
 * Folders are 0700 and files 0600 (they name sessions); a file appears whole (written aside, then
 * moved). Only the server writes here, from one lock.
 */
final class ControlMarkers {

    static final String DIRECTORY = "control";
    static final String STOP = ".stop";
    static final String HOLD = ".hold";

    private final Path root;

    ControlMarkers(Path eventsFile) {
        Path parent = eventsFile.toAbsolutePath().getParent();
        this.root = (parent != null ? parent : Path.of(".").toAbsolutePath()).resolve(DIRECTORY);
    }

    Path root() {
        return root;
    }

    synchronized void stop(String session, String agent, String answer) throws IOException {
        write(sessionDir(session), agent + STOP, answer);
    }

    synchronized void hold(String session, Collection<String> tools, String answer) throws IOException {
        Path dir = sessionDir(session);
        for (String tool : tools) {
            write(dir, tool + HOLD, answer);
        }
    }

    synchronized void release(String session, Collection<String> tools) throws IOException {
        for (String tool : tools) {
            Files.deleteIfExists(root.resolve(session).resolve(tool + HOLD));
        }
        removeIfEmpty(root.resolve(session));
    }

    synchronized void agentEnded(String session, String agent) throws IOException {
        Files.deleteIfExists(root.resolve(session).resolve(agent + STOP));
        removeIfEmpty(root.resolve(session));
    }

    synchronized void sessionEnded(String session) throws IOException {
        removeTree(root.resolve(session));
    }

    /**
     * Removes every decision: at start (a previous run's decisions died with it, and a marker
     * nobody can see or release must not deny calls) and at close.
     */
    synchronized void clear() throws IOException {
        removeTree(root);
    }

    private Path sessionDir(String session) throws IOException {
        privateDir(root);
        Path dir = root.resolve(session);
        privateDir(dir);
        return dir;
    }

    private static void privateDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
        }
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the user's profile already keeps it private.
        }
    }

    private static void write(Path dir, String name, String line) throws IOException {
        Path aside = dir.resolve("." + name + ".new");
        Files.write(aside, (line + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            Files.setPosixFilePermissions(aside, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // as above
        }
        Files.move(aside, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void removeIfEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            if (entries.iterator().hasNext()) {
                return;
            }
        } catch (NoSuchFileException gone) {
            return;
        }
        Files.deleteIfExists(dir);
    }

    /** The control tree is two levels deep and holds only what this class wrote; links are not followed. */
    private static void removeTree(Path dir) throws IOException {
        if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(dir);
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                removeTree(p);
            }
        }
        Files.deleteIfExists(dir);
    }
}
