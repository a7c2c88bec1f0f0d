package dev.oktainputs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The runner's config reference in docs/runner.md is the declarations' table, so the two cannot drift apart. */
class ReadmeConfigReferenceTest {

    @Test
    void readmeHoldsTheGeneratedConfigReference() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "runner.md"));
        String table = ConfigKeys.markdownTable();
        assertThat(doc).as("docs/runner.md must contain, verbatim:\n" + table).contains(table);
    }
}
