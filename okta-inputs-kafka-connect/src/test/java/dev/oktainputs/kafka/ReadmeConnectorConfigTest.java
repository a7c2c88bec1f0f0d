package dev.oktainputs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's Kafka Connect config reference is generated from the ConfigDef, so the two cannot drift apart. */
class ReadmeConnectorConfigTest {

    @Test
    void theReadmeTableIsTheConfigDefs() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String table = OktaConnectorConfig.markdownTable();
        assertThat(readme).as("README.md must contain, verbatim:\n" + table).contains(table);
    }
}
