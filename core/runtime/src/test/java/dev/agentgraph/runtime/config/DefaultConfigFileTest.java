package dev.agentgraph.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default conf/agentgraph.properties shipped in the distribution. */
class DefaultConfigFileTest {

    private static final Path FILE = Path.of("src/main/dist/conf/agentgraph.properties");

    @Test
    void itSetsNothingAndDocumentsEveryPlatformKey() throws Exception {
        assertThat(SettingsLoader.read(FILE)).isEmpty();
        String text = Files.readString(FILE);
        for (String key : CoreConfig.KEYS) {
            assertThat(text).as(key).contains("#" + key + "=");
        }
    }

    @Test
    void uncommentingEveryLineGivesTheDefaults() throws Exception {
        Path uncommented = Files.createTempFile("agentgraph", ".properties");
        Files.writeString(uncommented, Files.readString(FILE).replaceAll("(?m)^#(server|events|pipeline)\\.", "$1."));
        Map<String, String> keys = SettingsLoader.read(uncommented);
        assertThat(keys).containsKeys("server.port", "events.file", "pipeline.queue-size");
        CoreConfig config = CoreConfig.from(Settings.of(keys, Map.of(), Map.of()));
        assertThat(config).isEqualTo(CoreConfig.from(Settings.empty()));
        Files.delete(uncommented);
    }
}
