package dev.agentgraph.runtime.config;

import dev.agentgraph.api.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The server token, from {@code server.token} or from the file {@code server.token-file} names.
 * A value given with {@code --set server.token=T} is visible to every user of the machine in
 * {@code ps}; the file (mode 0600) or the variable {@code AGENTGRAPH_SERVER_TOKEN} is not. A token
 * shorter than {@link #MIN_LENGTH} characters is refused: it could be guessed. Error messages
 * never include the token.
 */
final class ServerToken {

    /** 16 characters: {@code openssl rand -hex 32} gives 64. */
    static final int MIN_LENGTH = 16;

    /** A token file is one line; anything much longer is not a token file. */
    private static final int MAX_FILE_BYTES = 4096;

    private ServerToken() {
    }

    /** The token, or null when neither key is set (or both are empty). */
    static String from(Settings settings) {
        String inline = settings.get(CoreConfig.SERVER_TOKEN).map(String::strip).filter(t -> !t.isEmpty()).orElse(null);
        Path file = settings.get(CoreConfig.SERVER_TOKEN_FILE).filter(v -> !v.isBlank())
                .map(v -> Values.path(CoreConfig.SERVER_TOKEN_FILE, v.strip())).orElse(null);
        if (inline != null && file != null) {
            throw new ConfigException(CoreConfig.SERVER_TOKEN_FILE, "set either server.token or server.token-file, not both");
        }
        if (file != null) {
            return checked(CoreConfig.SERVER_TOKEN_FILE, read(file), " in " + file);
        }
        return inline == null ? null : checked(CoreConfig.SERVER_TOKEN, inline, "");
    }

    private static String checked(String key, String token, String where) {
        if (token.length() < MIN_LENGTH) {
            throw new ConfigException(key, "the token" + where + " is " + token.length() + " characters long; use at least "
                    + MIN_LENGTH + " (for example the output of: openssl rand -hex 32)");
        }
        return token;
    }

    private static String read(Path file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new ConfigException(CoreConfig.SERVER_TOKEN_FILE, "cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(CoreConfig.SERVER_TOKEN_FILE, "cannot read " + file + ": " + e.getClass().getSimpleName());
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new ConfigException(CoreConfig.SERVER_TOKEN_FILE, file + " is larger than " + MAX_FILE_BYTES
                    + " bytes; it should hold the token alone");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString().strip();
        } catch (CharacterCodingException e) {
            throw new ConfigException(CoreConfig.SERVER_TOKEN_FILE, file + " is not UTF-8 text");
        }
        if (text.isEmpty()) {
            throw new ConfigException(CoreConfig.SERVER_TOKEN_FILE, file + " is empty");
        }
        if (text.indexOf('\n') >= 0) {
            throw new ConfigException(CoreConfig.SERVER_TOKEN_FILE, file + " holds more than one line; it should hold the token alone");
        }
        return text;
    }
}
