package dev.agentgraph.runtime.config;

import dev.agentgraph.api.ConfigException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Reads {@code conf/agentgraph.properties} (UTF-8, Java properties syntax) and layers the
 * environment and explicit settings on top. An explicitly named file must exist; the default one
 * may be absent.
 */
public final class SettingsLoader {

    /** The file name of the configuration, in {@code <home>/conf/}. */
    public static final String FILE_NAME = "agentgraph.properties";
    /** Names the configuration file when {@code --config} does not. */
    public static final String CONFIG_ENV = "AGENTGRAPH_CONFIG";

    private SettingsLoader() {
    }

    /** The file to read when none is named: {@code <home>/conf/agentgraph.properties}. */
    public static Path defaultFile() {
        return Home.resolve("conf").resolve(FILE_NAME);
    }

    /**
     * Loads {@code file} (or, when null, {@code AGENTGRAPH_CONFIG}, then the default file if it
     * exists), then the environment, then {@code explicit}.
     */
    public static Settings load(Path file, Map<String, String> environment, Map<String, String> explicit) {
        Map<String, String> fromFile = Map.of();
        Optional<Path> named = Optional.ofNullable(file)
                .or(() -> Optional.ofNullable(environment.get(CONFIG_ENV)).filter(s -> !s.isBlank())
                        .map(s -> Values.path(CONFIG_ENV, s)));
        if (named.isPresent()) {
            fromFile = read(named.get());
        } else if (Files.isRegularFile(defaultFile())) {
            fromFile = read(defaultFile());
        }
        return Settings.of(fromFile, environment, explicit);
    }

    /** Reads one properties file; a missing or unreadable file is a {@link ConfigException}. */
    public static Map<String, String> read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException("config", "cannot read " + file + ": no such file");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ConfigException("config", "cannot read " + file + ": not UTF-8 text");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("config", "cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> map = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(k -> map.put(k.trim(), properties.getProperty(k).trim()));
        return map;
    }
}
