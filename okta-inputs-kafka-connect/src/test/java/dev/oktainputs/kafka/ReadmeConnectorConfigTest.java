package dev.oktainputs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.runtime.SourceConnectorConfig;
import org.apache.kafka.connect.util.TopicCreationGroup;
import org.junit.jupiter.api.Test;

/**
 * docs/kafka-connect.md: its config reference is generated from the ConfigDef, so the two cannot drift
 * apart, and its connector examples are valid connector configs whose {@code topic.creation.*} settings (read by
 * Connect's own {@link SourceConnectorConfig} and {@link TopicCreationGroup}) make the directory streams compacted and
 * the System Log time-retained. {@code OktaTopicRetentionIT} shows those settings on a broker.
 */
class ReadmeConnectorConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static String readme() throws Exception {
        return Files.readString(Path.of("..", "docs", "kafka-connect.md"));
    }

    /** @return the connector configs of docs/kafka-connect.md, in order */
    static List<Map<String, String>> connectorExamples() throws Exception {
        Matcher m = Pattern.compile("```json\n(.*?)\n```", Pattern.DOTALL).matcher(readme());
        List<Map<String, String>> examples = new ArrayList<>();
        while (m.find()) {
            Map<String, String> c = JSON.readValue(m.group(1), new TypeReference<Map<String, String>>() { });
            if (OktaSourceConnector.class.getName().equals(c.get("connector.class"))) {
                examples.add(c);
            }
        }
        return examples;
    }

    /** @return the group Connect creates the topic with: the first listed group that matches it, else the default one */
    static TopicCreationGroup groupOf(Map<String, TopicCreationGroup> groups, String topic) {
        return groups.values().stream().filter(g -> !g.name().equals("default") && g.matches(topic)).findFirst()
                .orElse(groups.get("default"));
    }

    @Test
    void theReadmeTableIsTheConfigDefs() throws Exception {
        String table = ConfigReference.markdownTable(OktaConnectorConfig.CONFIG_DEF);
        assertThat(readme()).as("docs/kafka-connect.md must contain, verbatim:\n" + table).contains(table);
    }

    @Test
    void theConnectorExamplesAreValidAndCreateCompactedDirectoryTopicsAndATimeRetainedSystemLog() throws Exception {
        List<Map<String, String>> examples = connectorExamples();
        assertThat(examples).hasSize(2);
        for (Map<String, String> c : examples) {
            List<ConfigValue> errors = OktaConnectorConfig.CONFIG_DEF.validate(c).stream()
                    .filter(v -> !v.errorMessages().isEmpty()).toList();
            assertThat(errors).as("%s", c).isEmpty();

            Map<String, String> named = new java.util.HashMap<>(c);
            named.put("name", "okta-acme"); // PUT /connectors/<name>/config takes it from the path
            Map<String, TopicCreationGroup> groups = TopicCreationGroup.configuredGroups(new SourceConnectorConfig(null, named, true));
            String prefix = c.getOrDefault(OktaConnectorConfig.TOPIC_PREFIX, "okta.");
            for (String stream : OktaConnectorConfig.availableInputs().keySet()) {
                NewTopic topic = groupOf(groups, prefix + stream).newTopic(prefix + stream);
                if (stream.equals("system_log")) {
                    assertThat(topic.configs()).as(topic.name()).containsEntry("cleanup.policy", "delete")
                            .containsEntry("retention.ms", "7776000000"); // 90 days, as long as Okta keeps events
                } else {
                    assertThat(topic.configs()).as(topic.name()).containsEntry("cleanup.policy", "compact")
                            .doesNotContainKey("retention.ms");
                }
                assertThat(topic.replicationFactor()).isEqualTo((short) 3);
            }
            // The include is a regex on the whole topic name, with the prefix's dots escaped.
            assertThat(groupOf(groups, prefix + "system_log").name()).isEqualTo("system_log");
            assertThat(groupOf(groups, prefix.replace('.', 'x') + "system_log").name()).isEqualTo("default");
            assertThat(groupOf(groups, prefix + "system_log_archive").name()).isEqualTo("default");
        }
    }
}
