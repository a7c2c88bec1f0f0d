package dev.oktainputs.core.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.oktainputs.core.config.InputOptions;
import dev.oktainputs.core.error.OktaConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportRulesTest {

    /** Two Teleport okta_import_rule resources as `tctl get okta_import_rules` prints them (multi-document YAML). */
    static final String TELEPORT_YAML = """
            kind: okta_import_rule
            version: v1
            metadata:
              name: engineering
            spec:
              priority: 10
              mappings:
              - match:
                - app_ids: ["0oaGITHUB", "0oaJIRA"]
                add_labels:
                  team: eng
                  tier: internal
              - match:
                - group_name_regexes: ["^Engineering"]
                - group_ids: ["00gPLATFORM"]
                add_labels:
                  team: eng
            ---
            kind: okta_import_rule
            version: v1
            metadata:
              name: crown-jewels
            spec:
              priority: 100
              mappings:
              - match:
                - app_name_regexes: ["(?i)aws"]
                - app_ids: ["0oaGITHUB"]
                add_labels:
                  tier: critical
            """;

    private static ImportRules fromYaml(String yaml) throws Exception {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        try (MappingIterator<Object> docs = mapper.readerFor(Object.class).readValues(yaml)) {
            return ImportRules.fromTree(docs.readAll());
        }
    }

    @Test
    void readsTeleportYamlAndTheHigherPriorityWinsOnConflicts() throws Exception {
        ImportRules rules = fromYaml(TELEPORT_YAML);
        assertThat(rules.rules()).extracting(ImportRule::name).containsExactly("engineering", "crown-jewels");
        assertThat(rules.labels(LabelTarget.app("0oaGITHUB", "GitHub"))).isEqualTo(Map.of("team", "eng", "tier", "critical"));
        assertThat(rules.labels(LabelTarget.app("0oaJIRA", "Jira"))).isEqualTo(Map.of("team", "eng", "tier", "internal"));
        assertThat(rules.labels(LabelTarget.app("0oaX", "AWS Console 2"))).isEqualTo(Map.of("tier", "critical"));
        assertThat(rules.labels(LabelTarget.group("00gX", "Engineering 4"))).isEqualTo(Map.of("team", "eng"));
        assertThat(rules.labels(LabelTarget.group("00gPLATFORM", null))).isEqualTo(Map.of("team", "eng"));
        assertThat(rules.labels(LabelTarget.group("00gY", "Sales 1"))).isEmpty();
        // an app-group edge gets what matches either side
        assertThat(rules.labels(new LabelTarget("0oaJIRA", null, "00gPLATFORM", null))).containsEntry("tier", "internal");
        // app rules never match a group with the same id, and vice versa
        assertThat(rules.labels(LabelTarget.group("0oaGITHUB", null))).isEmpty();
    }

    @Test
    void jsonFilesInlineJsonAndParsedTreesAllWorkAsTheOption(@TempDir Path dir) throws Exception {
        String json = "[{\"kind\":\"okta_import_rule\",\"version\":\"v1\",\"metadata\":{\"name\":\"r\"},"
                + "\"spec\":{\"priority\":5,\"mappings\":[{\"match\":[{\"group_ids\":[\"00g1\"]}],\"add_labels\":{\"env\":\"prod\"}}]}}]";
        Path file = dir.resolve("rules.json");
        Files.writeString(file, json);
        for (Object value : List.of(file.toString(), json, new ObjectMapper().readValue(json, Object.class))) {
            ImportRules rules = InputOptions.parse("groups", List.of(ImportRules.OPTION), Map.of("import_rules", value))
                    .get(ImportRules.OPTION);
            assertThat(rules.labels(LabelTarget.group("00g1", null))).isEqualTo(Map.of("env", "prod"));
        }
        assertThat(InputOptions.defaults("groups", List.of(ImportRules.OPTION)).get(ImportRules.OPTION).isEmpty()).isTrue();
    }

    @Test
    void badRulesNameTheFieldThePathAndTheFix(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> InputOptions.parse("apps", List.of(ImportRules.OPTION), Map.of("import_rules",
                "{\"spec\":{\"priority\":1,\"mappings\":[{\"match\":[{\"app_idz\":[\"x\"]}],\"add_labels\":{\"a\":\"b\"}}]}}")))
                .isInstanceOf(OktaConfigurationException.class)
                .hasMessageContaining("inputs.apps.import_rules: spec.mappings[0].match[0].app_idz: unknown key")
                .hasMessageContaining("app_ids");
        assertThatThrownBy(() -> ImportRules.fromJson("{\"priority\":1,\"mappings\":[{\"match\":[{\"app_ids\":[\"x\"]}]}]}"))
                .hasMessageContaining("mappings[0].add_labels: missing. Fix:");
        assertThatThrownBy(() -> ImportRules.fromJson("{\"priority\":\"high\",\"mappings\":[]}"))
                .hasMessageContaining("priority: expected a whole number");
        assertThatThrownBy(() -> ImportRules.fromJson("{\"kind\":\"role\",\"spec\":{\"mappings\":[]}}"))
                .hasMessageContaining("kind: expected okta_import_rule");
        assertThatThrownBy(() -> ImportRules.fromJson("{\"mappings\":[{\"match\":[{\"app_name_regexes\":[\"(\"]}],"
                + "\"add_labels\":{\"a\":\"b\"}}]}")).hasMessageContaining("is not a valid regex");
        Path yaml = dir.resolve("rules.yaml");
        Files.writeString(yaml, TELEPORT_YAML);
        assertThatThrownBy(() -> ImportRules.fromJson(yaml)).hasMessageContaining("only the runner");
        assertThatThrownBy(() -> ImportRules.fromJson(dir.resolve("nope.json"))).hasMessageContaining("cannot read");
    }
}
