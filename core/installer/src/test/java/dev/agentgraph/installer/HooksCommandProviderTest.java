package dev.agentgraph.installer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgraph.runtime.cli.CommandProvider;
import dev.agentgraph.runtime.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The hooks command as the runtime finds it, and the settings syntax checker on its extremes. */
class HooksCommandProviderTest {

    @Test
    void theRuntimeFindsTheHooksCommand() {
        assertThat(ServiceLoader.load(CommandProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("hooks")).findFirst()).get()
                .satisfies(p -> assertThat(p.command()).isInstanceOf(HooksCommand.class));
    }

    @Test
    void withoutAnyIntegrationInstalledItSaysSo() {
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err),
                "hooks", "print", "--plugins", "/nonexistent-agentgraph-plugins");
        assertThat(code).isEqualTo(HooksCommand.USAGE);
        assertThat(err.toString()).contains("no runtime integration is installed");
    }

    @Test
    void syntaxErrorsAreFoundWithoutUnboundedWork() {
        assertThat(JsonSyntax.firstError("[".repeat(200_000))).get().asString().contains("the file ends early");
        assertThat(JsonSyntax.firstError("{\"a\":[{\"b\":{}},[],\"\\u00e9\\n\",-1.5e+3,true,false,null]}")).isEmpty();
    }
}
