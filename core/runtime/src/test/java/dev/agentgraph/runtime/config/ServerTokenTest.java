package dev.agentgraph.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentgraph.api.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15, defect 5: a short token is refused, and the token can come from a file instead of ps. */
class ServerTokenTest {

    private static final String GOOD = "9f2c4e6a8b0d1f3e5a7c9e1b3d5f7a9c";

    @TempDir
    Path dir;

    @Test
    void aTokenShorterThanSixteenCharactersIsRefusedWithoutPrintingIt() {
        assertThatThrownBy(() -> CoreConfig.from(Settings.empty().with("server.token", "fifteen-chars!!")))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo("server.token");
                    assertThat(e.getMessage()).contains("15 characters").contains("at least 16")
                            .doesNotContain("fifteen-chars!!").doesNotContain("\n");
                });
        assertThat(CoreConfig.from(Settings.empty().with("server.token", "sixteen-chars!!!")).token())
                .isEqualTo("sixteen-chars!!!");
        assertThat(CoreConfig.from(Settings.empty().with("server.token", "  ")).token()).isNull();
    }

    @Test
    void theTokenFileIsReadWithoutItsNewlineFromTheKeyOrItsVariable() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), GOOD + "\n");
        assertThat(CoreConfig.from(Settings.empty().with("server.token-file", file.toString())).token()).isEqualTo(GOOD);
        Settings fromEnv = Settings.of(Map.of(), Map.of("AGENTGRAPH_SERVER_TOKEN_FILE", file.toString()), Map.of());
        assertThat(CoreConfig.from(fromEnv).token()).isEqualTo(GOOD);
        assertThat(CoreConfig.from(fromEnv.with("server.host", "0.0.0.0")).host()).isEqualTo("0.0.0.0");
    }

    @Test
    void aBadTokenFileStopsStartupNamingTheKey() throws Exception {
        Path shortOne = Files.writeString(dir.resolve("short"), "abc\n");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        Path twoLines = Files.writeString(dir.resolve("two"), GOOD + "\n" + GOOD + "\n");
        Path big = Files.write(dir.resolve("big"), new byte[10_000]);
        for (Path bad : new Path[] {shortOne, empty, twoLines, big, dir.resolve("missing"), dir}) {
            assertThatThrownBy(() -> CoreConfig.from(Settings.empty().with("server.token-file", bad.toString())))
                    .as(bad.toString())
                    .isInstanceOfSatisfying(ConfigException.class, e -> {
                        assertThat(e.key()).isEqualTo("server.token-file");
                        assertThat(e.getMessage()).doesNotContain("abc").doesNotContain(GOOD).doesNotContain("\n");
                    });
        }
        Path file = Files.writeString(dir.resolve("token"), GOOD);
        assertThatThrownBy(() -> CoreConfig.from(Settings.empty().with("server.token-file", file.toString())
                .with("server.token", GOOD)))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.getMessage()).contains("not both"));
    }
}
