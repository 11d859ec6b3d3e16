package dev.agentgraph.api;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The event file is private to its user: events hold prompts, paths and commands. Whoever
 * creates it (a source that follows it, a source that appends to it) creates it here.
 */
public final class EventFile {

    private EventFile() {
    }

    /** Creates the missing directories (0700) and the file (0600); existing ones are left as they are. */
    public static void createPrivate(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        try {
            if (posix) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            // Created by a writer meanwhile: fine, its mode is checked like any other.
        }
    }

    /** A warning when the file can be read by its group or by others, or empty. */
    public static Optional<String> modeWarning(Path file) {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException | IOException e) {
            return Optional.empty();
        }
        if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
            return Optional.of("the event file " + file + " is readable by other users (mode "
                    + PosixFilePermissions.toString(perms) + "); events hold prompts and commands: chmod 600 " + file);
        }
        return Optional.empty();
    }
}
