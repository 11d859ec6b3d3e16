package dev.agentgraph.dist;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Map;
import java.util.stream.Stream;

/** Unpacks a zip with its Unix file modes, as {@code unzip} would, using the JDK's zip file system. */
final class Unzip {

    private Unzip() {
    }

    static void into(Path zip, Path target) throws IOException {
        URI uri = URI.create("jar:" + zip.toUri());
        try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of("enablePosixFileAttributes", "true"));
             Stream<Path> entries = Files.walk(fs.getPath("/"))) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                Path out = target.resolve(entry.toString().substring(1));
                if (Files.isDirectory(entry)) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                Files.copy(entry, out, StandardCopyOption.REPLACE_EXISTING);
                PosixFileAttributes attrs = Files.getFileAttributeView(entry, PosixFileAttributeView.class).readAttributes();
                Files.setPosixFilePermissions(out, attrs.permissions());
            }
        }
    }
}
