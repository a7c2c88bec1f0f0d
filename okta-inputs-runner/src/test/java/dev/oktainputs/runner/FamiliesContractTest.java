package dev.oktainputs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.core.InputFamilies;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.runner.db.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The family names users write in {@code inputs:} and {@code okta.inputs} are public contract: the inputs shipped with
 * the runner declare exactly these, and a family's default schedule is what the docs say.
 */
class FamiliesContractTest {

    @Test
    void theShippedInputsFormTheDocumentedFamilies() {
        Map<String, List<String>> families = new LinkedHashMap<>();
        InputFamilies.discover().all().forEach((f, members) -> families.put(f, members.stream().map(OktaInput::name).toList()));

        assertThat(families).containsExactly(
                Map.entry("api_tokens", List.of("api_tokens")),
                Map.entry("apps", List.of("apps", "app_groups", "app_users")),
                Map.entry("device_users", List.of("device_users")),
                Map.entry("devices", List.of("devices")),
                Map.entry("factors", List.of("user_factors")),
                Map.entry("group_rules", List.of("group_rules")),
                Map.entry("groups", List.of("groups", "group_members")),
                Map.entry("org_settings", List.of("authorization_servers", "identity_providers", "network_zones",
                        "trusted_origins")),
                Map.entry("policies", List.of("policies", "authenticators", "policy_rules")),
                Map.entry("resource_sets", List.of("resource_sets", "resource_set_bindings", "resource_set_resources")),
                Map.entry("roles", List.of("custom_roles", "role_assignments")),
                Map.entry("schemas", List.of("user_schemas", "user_types")),
                Map.entry("system_log", List.of("system_log")),
                Map.entry("users", List.of("users")));
    }

    /** Edge streams' two id columns in the database sinks' tables are public contract too, and named in docs/runner.md. */
    @Test
    void theEdgeInputsNameTheirTwoIdsAndTheDocsListThem() throws Exception {
        assertThat(new java.util.TreeMap<>(Schema.EDGES)).containsExactly(
                Map.entry("app_groups", List.of("app_id", "group_id")),
                Map.entry("app_users", List.of("app_id", "user_id")),
                Map.entry("device_users", List.of("device_id", "user_id")),
                Map.entry("group_members", List.of("group_id", "user_id")),
                Map.entry("policy_rules", List.of("policy_id", "rule_id")),
                Map.entry("resource_set_bindings", List.of("resource_set_id", "role_id")),
                Map.entry("resource_set_resources", List.of("resource_set_id", "resource_id")),
                Map.entry("role_assignments", List.of("assignee_id", "role_id")),
                Map.entry("user_factors", List.of("user_id", "factor_id")));
        String docs = Files.readString(Path.of("../docs/runner.md"));
        Schema.EDGES.forEach((stream, ids) -> assertThat(docs).as("docs/runner.md names the edge " + stream)
                .contains("`" + stream + "` (`" + ids.get(0) + "`, `" + ids.get(1) + "`)"));
    }

    @Test
    void theSystemLogRunsEveryMinuteAndTheRestEveryHalfHour() {
        InputFamilies families = InputFamilies.discover();
        assertThat(families.defaultSchedule("system_log")).isEqualTo("* * * * *");
        families.names().stream().filter(f -> !f.equals("system_log"))
                .forEach(f -> assertThat(families.defaultSchedule(f)).as(f).isEqualTo("*/30 * * * *"));
        assertThat(families.familyOf("group_members")).isEqualTo("groups");
        assertThat(families.familyOf("role_assignments")).isEqualTo("roles");
    }
}
