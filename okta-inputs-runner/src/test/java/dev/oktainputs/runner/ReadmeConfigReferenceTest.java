package dev.oktainputs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's config reference is the declarations' table, so the two cannot drift apart. */
class ReadmeConfigReferenceTest {

    @Test
    void readmeHoldsTheGeneratedConfigReference() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        assertThat(readme).contains(ConfigKeys.markdownTable());
    }
}
