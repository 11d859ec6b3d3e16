package dev.agentgraph.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page from the classpath or a directory, D3 from its WebJar, and nothing else. */
class StaticFilesTest {

    private WebServer server;
    private int p;

    @BeforeEach
    void start() throws Exception {
        server = Servers.start();
        p = server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RawHttp.Reply get(String path) throws Exception {
        return RawHttp.get(p, path, "Host: 127.0.0.1:" + p);
    }

    @Test
    void rootIsIndexHtmlAndEachFileHasItsType() throws Exception {
        RawHttp.Reply root = get("/");
        assertThat(root.status()).isEqualTo(200);
        assertThat(root.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(root.text()).contains("<title>test page</title>");
        assertThat(get("/index.html").text()).isEqualTo(root.text());
        assertThat(get("/app.js").header("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(get("/app.js").text()).contains("answer = 42");
        assertThat(get("/graph.mjs").header("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(get("/style.css").header("Content-Type")).isEqualTo("text/css; charset=utf-8");
        assertThat(get("/sub/note.txt").header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(get("/missing.js").status()).isEqualTo(404);
        RawHttp.Reply head = RawHttp.send(p, RawHttp.request("HEAD", "/app.js", "Host: 127.0.0.1:" + p), null);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        RawHttp.Reply post = RawHttp.send(p, RawHttp.request("POST", "/app.js", "Host: 127.0.0.1:" + p,
                "Content-Length: 0"), null);
        assertThat(post.status()).isEqualTo(404);
    }

    @Test
    void d3IsServedFromTheWebJar() throws Exception {
        RawHttp.Reply d3 = get("/vendor/d3/d3.min.js");
        assertThat(d3.status()).isEqualTo(200);
        assertThat(d3.header("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/resources/webjars/d3/7.9.0/dist/d3.min.js")) {
            assertThat(d3.body()).isEqualTo(in.readAllBytes());
        }
        assertThat(get("/vendor/d3/d3.js").status()).isEqualTo(404);
    }

    @Test
    void withoutTheWebJarD3IsNotFound() throws Exception {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            StaticFiles files = new StaticFiles(null, empty);
            assertThat(files.find(StaticFiles.D3_PATH)).isEmpty();
            assertThat(files.find("/")).isEmpty();
        }
    }

    @Test
    void traversalHiddenFilesDirectoriesAndUnknownTypesAreRefused() throws Exception {
        for (String path : List.of("/../pom.xml", "/%2e%2e/pom.xml", "/%2E%2E/%2E%2E/etc/passwd", "/..%2fpom.xml",
                "/sub/%2e%2e/%2e%2e/pom.xml", "/.hidden.txt", "/%2ehidden.txt", "/sub/", "/sub", "/README",
                "/agentgraph/web/app.js", "/dev/agentgraph/server/WebServer.class", "/simplelogger.properties",
                "/app.js%00.html", "/sub\\..\\app.js", "//etc/passwd")) {
            RawHttp.Reply reply = get(path);
            assertThat(reply.status()).as(path).isIn(400, 404);
            assertThat(reply.text()).as(path).doesNotContain("secret").doesNotContain("<project").doesNotContain("root:");
        }
        assertThat(get("/app.js").status()).isEqualTo(200);
    }

    @Test
    void thePathCheckIsOnePassWithALengthCap() {
        assertThat(StaticFiles.isSafePath("/app.js")).isTrue();
        assertThat(StaticFiles.isSafePath("/sub/note.txt")).isTrue();
        assertThat(StaticFiles.isSafePath("/_a-b.c/d")).isTrue();
        for (String bad : List.of("", "/", "app.js", "//app.js", "/sub/", "/.x", "/sub/.x", "/-x", "/a b", "/a%2e",
                "/a\\b", "/a\u0000", "/\u00e9")) {
            assertThat(StaticFiles.isSafePath(bad)).as(bad).isFalse();
        }
        assertThat(StaticFiles.isSafePath("/" + "a".repeat(StaticFiles.MAX_PATH_LENGTH - 1))).isTrue();
        assertThat(StaticFiles.isSafePath("/" + "a".repeat(StaticFiles.MAX_PATH_LENGTH))).isFalse();
        // The regular expression this replaces overflowed the stack here (issue 15, defect 3).
        assertThat(StaticFiles.isSafePath("/a".repeat(100_000))).isFalse();
        StaticFiles files = new StaticFiles(null, getClass().getClassLoader());
        assertThat(files.find("")).isEmpty(); // found by StaticPathFuzzTest: it threw
        assertThat(files.find("/a".repeat(100_000) + "/x.js")).isEmpty();
    }

    @Test
    void aWebRootDirectoryReplacesTheClasspathAndKeepsLinksInside(@TempDir Path dir) throws Exception {
        Path web = Files.createDirectory(dir.resolve("web"));
        Files.writeString(web.resolve("index.html"), "<p>from disk</p>");
        Files.writeString(dir.resolve("outside.js"), "outside");
        Files.createSymbolicLink(web.resolve("escape.js"), dir.resolve("outside.js"));
        Files.createDirectory(web.resolve("folder.js"));
        try (WebServer disk = Servers.start(ServerSettings.defaults().withWebRoot(web))) {
            int port = disk.port();
            assertThat(RawHttp.get(port, "/", "Host: 127.0.0.1:" + port).text()).isEqualTo("<p>from disk</p>");
            assertThat(RawHttp.get(port, "/app.js", "Host: 127.0.0.1:" + port).status()).isEqualTo(404);
            assertThat(RawHttp.get(port, "/escape.js", "Host: 127.0.0.1:" + port).status()).isEqualTo(404);
            assertThat(RawHttp.get(port, "/folder.js", "Host: 127.0.0.1:" + port).status()).isEqualTo(404);
            assertThat(RawHttp.get(port, "/../outside.js", "Host: 127.0.0.1:" + port).status()).isIn(400, 404);
        }
    }
}
