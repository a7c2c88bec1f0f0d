package dev.oktainputs.roles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRunner;
import dev.oktainputs.core.Inputs;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.config.InputOptions;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.state.InMemoryCheckpointStore;
import dev.oktainputs.core.state.InMemoryIdSetStore;
import dev.oktainputs.testkit.DirectoryShape;
import dev.oktainputs.testkit.FakeAdminRoles;
import dev.oktainputs.testkit.FakeOktaExtension;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.RecordingSink;
import dev.oktainputs.testkit.VirtualClock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RolesInputTest {

    @RegisterExtension
    static FakeOktaExtension okta = FakeOktaExtension.builder().users(500).seed(31)
            .directory(DirectoryShape.of(40, 12, 0, 0).withAdmins(25).withAdminGroups(3).withCustomRoles(30)).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    private final InMemoryIdSetStore idSets = new InMemoryIdSetStore();

    private void run(OktaInput input, OktaClient client, RecordingSink sink, Map<String, ?> options) throws Exception {
        InputRunner.runOnce(input, new InputContext(client, InputOptions.parse(input.name(), input.options(), options), idSets),
                sink, checkpoints);
    }

    private static Set<String> keys(RecordingSink sink, String stream, OktaRecord.Op op) {
        return sink.records(stream).stream().filter(r -> r.op() == op).map(OktaRecord::key).collect(Collectors.toSet());
    }

    @Test
    void whoHoldsAdminRolesAndHowItChanges(FakeOktaServer okta, FakeOrg org, VirtualClock clock, RecordingSink sink)
            throws Exception {
        FakeAdminRoles roles = org.directory().roles();
        OktaInput input = new RoleAssignmentsInput();
        Set<String> before = roles.assignmentKeys();
        try (OktaClient client = okta.clientBuilder().build()) {
            run(input, client, sink, Map.of());
            assertThat(sink.keys("role_assignments")).doesNotHaveDuplicates();
            assertThat(keys(sink, "role_assignments", OktaRecord.Op.UPSERT)).isEqualTo(before);
            for (OktaRecord r : sink.records("role_assignments")) {
                JsonNode edge = JSON.readTree(r.jsonString());
                String[] key = r.key().split("/");
                assertThat(edge.get("assigneeId").asText()).isEqualTo(key[0]);
                assertThat(edge.at("/role/id").asText()).isEqualTo(key[1]);
                assertThat(edge.get("assigneeType").asText()).isEqualTo(key[0].startsWith("00g") ? "GROUP" : "USER");
                assertThat(edge.at("/role/type").asText()).isNotBlank();
            }
            assertThat(sink.records("role_assignments")).anySatisfy(r ->
                    assertThat(r.jsonString()).startsWith("{\"assigneeType\":\"USER\"").contains("\"assignmentType\":\"GROUP\""));

            clock.advance(Duration.ofMinutes(10));
            String admin = org.users().stream().map(u -> u.id())
                    .filter(u -> before.stream().anyMatch(k -> k.startsWith(u + "/ra1"))).findFirst().orElseThrow();
            String revoked = before.stream().filter(k -> k.startsWith(admin + "/ra1")).findFirst().orElseThrow().split("/")[1];
            roles.unassignUserRole(admin, revoked);
            String adminGroup = before.stream().filter(k -> k.startsWith("00g")).findFirst().orElseThrow();
            roles.unassignGroupRole(adminGroup.split("/")[0], adminGroup.split("/")[1]);
            String promoted = org.users().get(0).id();
            roles.assignUserRole(promoted, "REPORT_ADMIN");
            clock.advance(Duration.ofMinutes(1));
            Set<String> after = roles.assignmentKeys();
            sink.clear();
            run(input, client, sink, Map.of());
            Set<String> gone = new HashSet<>(before);
            gone.removeAll(after);
            Set<String> added = new HashSet<>(after);
            added.removeAll(before);
            assertThat(gone).hasSizeGreaterThan(2); // the group's role went for its members too
            assertThat(keys(sink, "role_assignments", OktaRecord.Op.DELETE)).isEqualTo(gone);
            assertThat(keys(sink, "role_assignments", OktaRecord.Op.UPSERT)).isEqualTo(added);

            okta.takeRequests();
            run(input, client, new RecordingSink(), Map.of("group_assignments", false));
            assertThat(okta.requests()).noneMatch(r -> r.path().startsWith("/api/v1/groups"));
        }
    }

    @Test
    void customRolesFollowBodyNextLinksAndDeletes(FakeOktaServer okta, FakeOrg org, VirtualClock clock, RecordingSink sink)
            throws Exception {
        FakeAdminRoles roles = org.directory().roles();
        OktaInput input = new CustomRolesInput();
        try (OktaClient client = okta.clientBuilder().build()) {
            run(input, client, sink, Map.of());
            assertThat(sink.keys("custom_roles")).hasSize(30).containsExactlyInAnyOrderElementsOf(roles.customRoleIds());
            assertThat(okta.requests()).hasSize(2);
            assertThat(okta.requests().get(1).queryParameter("after")).isNotBlank();
            clock.advance(Duration.ofMinutes(5));
            String deleted = roles.customRoleIds().get(4);
            roles.deleteCustomRole(deleted);
            String created = roles.addCustomRole("Auditor");
            clock.advance(Duration.ofMinutes(1));
            sink.clear();
            run(input, client, sink, Map.of());
            assertThat(sink.records("custom_roles")).extracting(r -> r.op() + " " + r.key())
                    .containsExactlyInAnyOrder("DELETE " + deleted, "UPSERT " + created);
        }
    }

    @Test
    void discoverableWithTheScopesTheyNeed() {
        assertThat(Inputs.byName("role_assignments")).isInstanceOf(RoleAssignmentsInput.class);
        assertThat(Inputs.byName("custom_roles")).isInstanceOf(CustomRolesInput.class);
        assertThat(List.copyOf(new RoleAssignmentsInput().requiredScopes())).containsExactly("okta.roles.read", "okta.groups.read");
    }
}
