package dev.agentgraph.runtime.plugins;

import dev.agentgraph.api.Event;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds real PF4J plugins for tests: sources compiled with javac, an extension index, a descriptor. */
public final class PluginJars {

    private PluginJars() {
    }

    /** Compiles {@code sources} (class name → source) into a plugin folder layout: {@code dir/…classes…}. */
    public static Path compile(Path dir, Map<String, String> sources, String pluginId, String pluginClass, List<String> extensions)
            throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-proc:none", "-d", classes.toString(), "-cp", apiClasspath()));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        int rc = javac.run(null, null, new java.io.PrintStream(OutputStream.nullOutputStream()) {
            @Override
            public void write(byte[] b, int off, int len) {
                errors.write(new String(b, off, len));
            }
        }, args.toArray(String[]::new));
        if (rc != 0) {
            throw new IllegalStateException("javac failed: " + errors);
        }
        Files.createDirectories(classes.resolve("META-INF"));
        Files.writeString(classes.resolve("META-INF/extensions.idx"), String.join("\n", extensions) + "\n");
        Files.writeString(classes.resolve("plugin.properties"), "plugin.id=" + pluginId + "\nplugin.version=1.0.0\n"
                + "plugin.description=test plugin " + pluginId + "\nplugin.requires=>=0.0.0\n"
                + (pluginClass == null ? "" : "plugin.class=" + pluginClass + "\n"));
        return classes;
    }

    /** Zips a classes folder into a jar. */
    public static Path jar(Path classes, Path jar) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
        return jar;
    }

    /** The api, pf4j, gson and slf4j jars (or class folders) the running tests use. */
    private static String apiClasspath() {
        List<String> entries = new ArrayList<>();
        for (Class<?> c : List.of(Event.class, org.pf4j.ExtensionPoint.class, com.google.gson.JsonObject.class,
                org.slf4j.Logger.class)) {
            try {
                entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }
}
