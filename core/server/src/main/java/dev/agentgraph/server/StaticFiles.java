package dev.agentgraph.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The page: files from the classpath under {@code agentgraph/web/} (or from a development
 * directory), and D3 from its WebJar. Only plain file names of known types are served: a path
 * segment must start with a letter, digit or underscore, so {@code ..}, hidden files and
 * directories are never reached, and nothing is ever listed (see {@link #isSafePath}).
 */
final class StaticFiles {

    static final String D3_PATH = "/vendor/d3/d3.min.js";
    static final String CLASSPATH_ROOT = "agentgraph/web/";
    private static final String D3_POM = "META-INF/maven/org.webjars.npm/d3/pom.properties";
    private static final String D3_FALLBACK_VERSION = "7.9.0";
    /** Longer than any file of the page; a longer path is not looked at at all. */
    static final int MAX_PATH_LENGTH = 256;
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("woff2", "font/woff2"));

    /** A file to send. */
    record Asset(byte[] bytes, String contentType) {
    }

    private final Path webRoot;
    private final ClassLoader loader;
    private final Map<String, Asset> classpathCache = new ConcurrentHashMap<>();
    private volatile Optional<Asset> d3;

    StaticFiles(Path webRoot, ClassLoader loader) {
        this.webRoot = webRoot == null ? null : webRoot.toAbsolutePath().normalize();
        this.loader = loader;
    }

    /** The file for a request path such as {@code /} or {@code /app.js}, if there is one. */
    Optional<Asset> find(String path) {
        if (path == null) {
            return Optional.empty();
        }
        if (path.equals(D3_PATH)) {
            return d3();
        }
        if (!path.equals("/") && !isSafePath(path)) {
            return Optional.empty();
        }
        String relative = path.equals("/") ? "index.html" : path.substring(1);
        String type = TYPES.get(extension(relative));
        if (type == null) {
            return Optional.empty();
        }
        try {
            if (webRoot != null) {
                return fromDirectory(relative, type);
            }
            Asset cached = classpathCache.get(relative);
            if (cached != null) {
                return Optional.of(cached);
            }
            Optional<Asset> found = fromClasspath(CLASSPATH_ROOT + relative, type);
            found.ifPresent(a -> classpathCache.put(relative, a));
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + relative, e);
        }
    }

    /**
     * Whether {@code path} is {@code /} followed by one or more segments separated by {@code /},
     * each starting with a letter, digit or underscore and going on with those, dots and dashes,
     * within {@link #MAX_PATH_LENGTH}. One pass over the characters: a request path is untrusted,
     * and the regular expression this replaces overflowed the stack on a few thousand segments.
     */
    static boolean isSafePath(String path) {
        if (path.isEmpty() || path.length() > MAX_PATH_LENGTH || path.charAt(0) != '/') {
            return false;
        }
        boolean segmentStart = true;
        for (int i = 1; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '/') {
                if (segmentStart) {
                    return false; // an empty segment
                }
                segmentStart = true;
            } else if (isAsciiLetterOrDigit(c) || c == '_' || (!segmentStart && (c == '.' || c == '-'))) {
                segmentStart = false;
            } else {
                return false;
            }
        }
        return !segmentStart;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private Optional<Asset> fromDirectory(String relative, String type) throws IOException {
        Path file = webRoot.resolve(relative).normalize();
        if (!file.startsWith(webRoot) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        // A symbolic link inside the root must not lead out of it.
        if (!file.toRealPath().startsWith(webRoot.toRealPath())) {
            return Optional.empty();
        }
        return Optional.of(new Asset(Files.readAllBytes(file), type));
    }

    private Optional<Asset> fromClasspath(String resource, String type) throws IOException {
        URL url = loader.getResource(resource);
        if (url == null) {
            return Optional.empty();
        }
        URLConnection connection = url.openConnection();
        connection.setUseCaches(false);
        if (connection instanceof JarURLConnection jar && jar.getJarEntry().isDirectory()) {
            return Optional.empty();
        }
        if ("file".equals(url.getProtocol()) && !Files.isRegularFile(Path.of(java.net.URI.create(url.toString())))) {
            return Optional.empty();
        }
        try (InputStream in = connection.getInputStream()) {
            return Optional.of(new Asset(in.readAllBytes(), type));
        }
    }

    private Optional<Asset> d3() {
        Optional<Asset> found = d3;
        if (found == null) {
            try {
                found = fromClasspath("META-INF/resources/webjars/d3/" + d3Version() + "/dist/d3.min.js", TYPES.get("js"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the D3 WebJar", e);
            }
            d3 = found;
        }
        return found;
    }

    /** The WebJar's own version, so a D3 upgrade needs no change here. */
    private String d3Version() throws IOException {
        URL pom = loader.getResource(D3_POM);
        if (pom == null) {
            return D3_FALLBACK_VERSION;
        }
        Properties p = new Properties();
        try (InputStream in = pom.openStream()) {
            p.load(in);
        }
        String v = p.getProperty("version", D3_FALLBACK_VERSION).strip();
        return v.matches("[A-Za-z0-9._-]+") ? v : D3_FALLBACK_VERSION;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        int slash = name.lastIndexOf('/');
        return dot > slash ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }
}
