package dev.oktainputs.roles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.testkit.FakeOktaExtension;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.FakeResourceSets;
import dev.oktainputs.testkit.InputHarness;
import dev.oktainputs.testkit.RecordingSink;
import dev.oktainputs.testkit.VirtualClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ResourceSetsInputTest {

    @RegisterExtension
    static FakeOktaExtension okta = FakeOktaExtension.builder().users(3).seed(7).build();

    private final InputHarness harness = new InputHarness(new ResourceSetsInput());
    private final OktaInput input = harness.input();

    @Test
    void listsSetsVerbatimThenEmitsOnlyChangesAndRemovals(FakeOktaServer okta, FakeOrg org, VirtualClock clock,
                                                         RecordingSink sink) throws Exception {
        FakeResourceSets sets = org.resourceSets();
        for (int i = 0; i < 25; i++) {
            sets.add("SF-IT-" + i, "San Francisco IT resource set " + i);
        }
        try (OktaClient client = okta.clientBuilder().build()) {
            harness.run(client, sink, Map.of());
            assertThat(sink.keys("resource_sets")).containsExactlyInAnyOrderElementsOf(sets.ids());
            assertThat(okta.requests()).hasSize(2); // 20 + 5, the second page from the body's _links.next
            assertThat(okta.requests()).extracting(r -> r.queryParameter("limit")).containsOnlyNulls();
            JsonNode first = new ObjectMapper().readTree(sink.records("resource_sets").get(0).jsonString());
            assertThat(first.get("label").asText()).startsWith("SF-IT-");
            assertThat(first.get("_links").get("bindings").get("href").asText())
                    .endsWith("/api/v1/iam/resource-sets/" + first.get("id").asText() + "/bindings");

            clock.advance(Duration.ofMinutes(5));
            String removed = sets.ids().get(1);
            String described = sets.ids().get(21);
            sets.delete(removed);
            sets.describe(described, "now also the Oakland apps");
            String added = sets.add("NEW", "a new set");
            clock.advance(Duration.ofMinutes(1));
            sink.clear();
            harness.run(client, sink, Map.of());
            assertThat(sink.records("resource_sets")).extracting(r -> r.op() + " " + r.key())
                    .containsExactlyInAnyOrder("DELETE " + removed, "UPSERT " + described, "UPSERT " + added);
        }
    }

    @Test
    void isItsOwnFamilyWithTheRolesScopeAndProbe() {
        assertThat(input.family()).isEqualTo("resource_sets"); // not "roles": enabling roles must not add this stream
        assertThat(input.requiredScopes()).containsExactly("okta.roles.read");
        assertThat(input.probePath()).isEqualTo("/api/v1/iam/resource-sets");
        assertThat(input.defaultSchedule()).isEqualTo(OktaInput.DEFAULT_SCHEDULE);
    }
}
