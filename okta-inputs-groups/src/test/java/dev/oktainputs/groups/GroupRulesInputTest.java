package dev.oktainputs.groups;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktainputs.core.InputFamilies;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.testkit.FakeGroupRules;
import dev.oktainputs.testkit.FakeOktaExtension;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.InputHarness;
import dev.oktainputs.testkit.RecordingSink;
import dev.oktainputs.testkit.VirtualClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GroupRulesInputTest {

    @RegisterExtension
    static FakeOktaExtension okta = FakeOktaExtension.builder().users(3).seed(8).build();

    private final InputHarness harness = new InputHarness(new GroupRulesInput());
    private final OktaInput input = harness.input();

    @Test
    void listsRulesVerbatimWithLimitAndAfterThenEmitsOnlyChangesAndRemovals(FakeOktaServer okta, FakeOrg org,
                                                                           VirtualClock clock, RecordingSink sink)
            throws Exception {
        FakeGroupRules rules = org.groupRules();
        String engineering = org.directory().addGroup("Engineering");
        String inactive = null;
        for (int i = 0; i < 7; i++) {
            String id = rules.add("rule " + i, "user.department==\"Engineering\"", engineering);
            if (i != 3) {
                rules.activate(id);
            } else {
                inactive = id;
            }
        }
        try (OktaClient client = okta.clientBuilder().build()) {
            harness.run(client, sink, Map.of("page_size", 3));
            assertThat(sink.keys("group_rules")).containsExactlyInAnyOrderElementsOf(rules.ids());
            assertThat(okta.requests()).hasSize(3).allSatisfy(r -> {
                assertThat(r.path()).isEqualTo("/api/v1/groups/rules");
                assertThat(r.queryParameter("limit")).isEqualTo("3");
                assertThat(r.queryParameter("expand")).isNull();
            });
            assertThat(okta.requests().get(0).queryParameter("after")).isNull();
            assertThat(okta.requests().get(1).queryParameter("after")).isNotNull();
            String inactiveId = inactive;
            JsonNode rule = new ObjectMapper().readTree(sink.records("group_rules").stream()
                    .filter(r -> !r.key().equals(inactiveId)).findFirst().orElseThrow().jsonString());
            assertThat(rule.get("type").asText()).isEqualTo("group_rule");
            assertThat(rule.get("status").asText()).isEqualTo("ACTIVE");
            assertThat(new ObjectMapper().readTree(sink.records("group_rules").stream().filter(r -> r.key().equals(inactiveId))
                    .findFirst().orElseThrow().jsonString()).get("status").asText()).isEqualTo("INACTIVE");
            assertThat(rule.get("conditions").get("expression").get("value").asText())
                    .isEqualTo("user.department==\"Engineering\"");
            assertThat(rule.get("conditions").get("expression").get("type").asText()).isEqualTo("urn:okta:expression:1.0");
            assertThat(rule.get("actions").get("assignUserToGroups").get("groupIds").get(0).asText()).isEqualTo(engineering);
            assertThat(rule.has("_embedded")).isFalse();

            clock.advance(Duration.ofMinutes(5));
            String removed = rules.ids().get(1);
            String deactivated = rules.ids().get(4);
            String reworded = rules.ids().get(5);
            rules.delete(removed);
            rules.deactivate(deactivated);
            rules.setExpression(reworded, "user.department==\"R&D\"");
            String added = rules.add("new", "user.title==\"Admin\"", engineering);
            clock.advance(Duration.ofMinutes(1));
            sink.clear();
            okta.takeRequests();
            harness.run(client, sink, Map.of());
            assertThat(sink.records("group_rules")).extracting(r -> r.op() + " " + r.key()).containsExactlyInAnyOrder(
                    "DELETE " + removed, "UPSERT " + deactivated, "UPSERT " + reworded, "UPSERT " + added);
            assertThat(okta.requests()).singleElement().satisfies(r -> assertThat(r.queryParameter("limit")).isEqualTo("200"));
        }
    }

    @Test
    void theFakeEmbedsGroupNamesOnlyWhenAskedToExpandAsOktaDoes(FakeOktaServer okta, FakeOrg org) throws Exception {
        String engineering = org.directory().addGroup("Engineering");
        org.groupRules().add("eng", "user.department==\"Engineering\"", engineering);
        try (OktaClient client = okta.clientBuilder().build()) {
            var expanded = client.getPage(dev.oktainputs.core.http.PageRequest.array(
                    client.orgUrl().resolve("/api/v1/groups/rules?expand=groupIdToGroupNameMap"), GroupsInput.SCOPE));
            JsonNode rule = new ObjectMapper().readTree(expanded.items().get(0).jsonString());
            assertThat(rule.get("_embedded").get("groupIdToGroupNameMap").get(engineering).asText()).isEqualTo("Engineering");
        }
    }

    @Test
    void isAFamilyOfItsOwnSoEnablingGroupsDoesNotStartIt() {
        assertThat(input.family()).isEqualTo("group_rules");
        assertThat(InputFamilies.discover().inputNames("group_rules")).containsExactly("group_rules");
        assertThat(InputFamilies.discover().inputNames("groups")).containsExactlyInAnyOrder("groups", "group_members");
        assertThat(input.requiredScopes()).containsExactly("okta.groups.read");
        assertThat(input.probePath()).isEqualTo("/api/v1/groups/rules?limit=1");
        assertThat(input.defaultSchedule()).isEqualTo(OktaInput.DEFAULT_SCHEDULE);
    }
}
