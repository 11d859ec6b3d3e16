package dev.agentgraph.installer;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * An agent runtime's JSON settings file ({@code settings.json}, {@code hooks.json}): read strictly (a malformed file is refused and never
 * written), written atomically (a temporary file beside it, then a rename) with the original's
 * permissions and in its style ({@link JsonStyle}), after a backup of the previous content: one
 * backup, {@code settings.json.agentgraph.bak}, replaced at each change.
 */
final class SettingsFile {

    private static final String HOOKS = "hooks";

    private final Path path;
    private final byte[] original;

    private SettingsFile(Path path, byte[] original) {
        this.path = path;
        this.original = original;
    }

    /**
     * Opens a settings file; one that does not exist yet reads as {@code {}}. A symbolic link
     * (settings kept in a dotfiles repository) is followed, so the rename replaces its target
     * and the link stays.
     */
    static SettingsFile open(Path path) throws SettingsException {
        try {
            if (Files.isSymbolicLink(path) && Files.exists(path)) {
                path = path.toRealPath();
            }
            return new SettingsFile(path, Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            return new SettingsFile(path, null);
        } catch (IOException e) {
            throw new SettingsException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    Path path() {
        return path;
    }

    /** The one backup kept beside a settings file: its content before AgentGraph's last change. */
    static Path backupOf(Path settings) {
        return settings.resolveSibling(settings.getFileName() + ".agentgraph.bak");
    }

    boolean exists() {
        return original != null;
    }

    /** The settings as a JSON object (a fresh copy), or a clear one-line refusal. */
    JsonObject parse() throws SettingsException {
        if (original == null) {
            return new JsonObject();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(original)).toString();
        } catch (CharacterCodingException e) {
            throw malformed("not UTF-8 text");
        }
        // A byte order mark (some editors write one) is not JSON; it is dropped on the next write.
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            return new JsonObject();
        }
        Optional<String> error = JsonSyntax.firstError(text);
        if (error.isPresent()) {
            throw malformed(error.get());
        }
        JsonElement root = JsonParser.parseString(text);
        if (!root.isJsonObject()) {
            throw malformed("the top level is not a JSON object");
        }
        return root.getAsJsonObject();
    }

    SettingsException malformed(String why) {
        return new SettingsException(path + " is not valid settings JSON: " + why + ". It was left unchanged;"
                + " fix it by hand and run the command again");
    }

    /** The text a new file would be written as: two spaces an indent. */
    static String render(JsonObject settings) {
        return JsonStyle.DEFAULT.render(settings);
    }

    /**
     * The text this object is written as: the file as it was with only its {@code hooks} member
     * rewritten in place, in the file's style; the whole file in that style when an in-place edit
     * would not read back as {@code settings}.
     */
    private String renderLikeOriginal(JsonObject settings) {
        if (original == null) {
            return render(settings);
        }
        String text = new String(original, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        JsonStyle style = JsonStyle.of(text);
        if (!text.isBlank()) {
            String edited = MemberEdit.set(text, HOOKS, settings.get(HOOKS), style);
            if (JsonSyntax.firstError(edited).isEmpty() && JsonParser.parseString(edited).equals(settings)) {
                return edited;
            }
        }
        return style.render(settings);
    }

    /**
     * Writes {@code settings} unless the file already says exactly that. Returns the backup made,
     * or {@code null} when nothing needed one (a new file, or no change).
     */
    Path write(JsonObject settings) throws SettingsException {
        byte[] bytes = renderLikeOriginal(settings).getBytes(StandardCharsets.UTF_8);
        if (original != null && Arrays.equals(bytes, original)) {
            return null;
        }
        try {
            Path dir = path.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path backup = null;
            if (original != null) {
                backup = backupOf(path);
                Files.copy(path, backup, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
            }
            Path tmp = Files.createTempFile(dir, "." + path.getFileName(), ".tmp");
            try {
                Files.write(tmp, bytes);
                keepMode(tmp);
                try {
                    Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            return backup;
        } catch (IOException e) {
            throw new SettingsException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** The new file gets the old one's permissions; a new settings file is private (0600). */
    private void keepMode(Path tmp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> mode = original != null && Files.exists(path)
                ? Files.getPosixFilePermissions(path) : PosixFilePermissions.fromString("rw-------");
        view.setPermissions(mode);
    }
}
