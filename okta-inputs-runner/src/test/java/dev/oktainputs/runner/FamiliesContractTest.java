package dev.oktainputs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.core.InputFamilies;
import dev.oktainputs.core.OktaInput;
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
