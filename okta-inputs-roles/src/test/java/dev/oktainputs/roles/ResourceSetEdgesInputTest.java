package dev.oktainputs.roles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** resource_set_resources and resource_set_bindings: keys, JSON, and what a later run emits after changes. */
class ResourceSetEdgesInputTest {

    @RegisterExtension
    static FakeOktaExtension okta = FakeOktaExtension.builder().users(3).seed(11).build();

    @Test
    void resourcesAreReadPerSetAndLaterRunsEmitAddsAndRemovals(FakeOktaServer okta, FakeOrg org, VirtualClock clock,
                                                               RecordingSink sink) throws Exception {
        InputHarness harness = new InputHarness(new ResourceSetResourcesInput());
        FakeResourceSets sets = org.resourceSets();
        String kept = sets.add("SF-IT-1", "First San Francisco IT Resource Set");
        String doomed = sets.add("SF-IT-2", "Second San Francisco IT Resource Set");
        String group = sets.addResource(kept, "orn:okta:directory:00o1:groups:00g1", "/api/v1/groups/00g1");
        String users = sets.addResource(kept, "orn:okta:directory:00o1:users", "/api/v1/users");
        String apps = sets.addResource(doomed, "orn:okta:idp:00o1:apps", "/api/v1/apps");
        clock.advance(Duration.ofMinutes(1)); // the first run starts after the resources' lastUpdated
        try (OktaClient client = okta.clientBuilder().build()) {
            harness.run(client, sink, Map.of("page_size", 1));
            assertThat(sink.keys("resource_set_resources")).containsExactlyInAnyOrder(
                    kept + "/" + group, kept + "/" + users, doomed + "/" + apps);
            assertThat(okta.requests()).filteredOn(r -> r.path().endsWith("/resources"))
                    .extracting(r -> r.queryParameter("limit")).containsOnly("1").hasSize(3);
            JsonNode edge = new ObjectMapper().readTree(sink.records("resource_set_resources").stream()
                    .filter(r -> r.key().endsWith(group)).findFirst().orElseThrow().jsonString());
            assertThat(edge.get("resourceSetId").asText()).isEqualTo(kept);
            assertThat(edge.get("resource").get("orn").asText()).isEqualTo("orn:okta:directory:00o1:groups:00g1");

            clock.advance(Duration.ofMinutes(5));
            sets.removeResource(kept, users);
            sets.delete(doomed);
            String added = sets.addResource(kept, "orn:okta:directory:00o1:groups", "/api/v1/groups");
            clock.advance(Duration.ofMinutes(1));
            sink.clear();
            harness.run(client, sink, Map.of());
            assertThat(sink.records("resource_set_resources")).extracting(r -> r.op() + " " + r.key())
                    .containsExactlyInAnyOrder("DELETE " + kept + "/" + users, "DELETE " + doomed + "/" + apps,
                            "UPSERT " + kept + "/" + added);
        }
    }

    @Test
    void bindingsAreReadPerSetAndLaterRunsEmitUnbindings(FakeOktaServer okta, FakeOrg org, VirtualClock clock,
                                                         RecordingSink sink) throws Exception {
        InputHarness harness = new InputHarness(new ResourceSetBindingsInput());
        FakeResourceSets sets = org.resourceSets();
        String set = sets.add("SF-IT-1", "First San Francisco IT Resource Set");
        sets.bind(set, "cr0WxyzJxGIr0ouum0g4");
        sets.bind(set, "cr0AbcdJxGIr0ouum0g5");
        try (OktaClient client = okta.clientBuilder().build()) {
            harness.run(client, sink, Map.of());
            assertThat(sink.keys("resource_set_bindings"))
                    .containsExactlyInAnyOrder(set + "/cr0WxyzJxGIr0ouum0g4", set + "/cr0AbcdJxGIr0ouum0g5");
            assertThat(okta.requests()).filteredOn(r -> r.path().endsWith("/bindings"))
                    .extracting(r -> r.queryParameter("limit")).containsOnlyNulls();
            JsonNode edge = new ObjectMapper().readTree(sink.records("resource_set_bindings").get(0).jsonString());
            assertThat(edge.get("resourceSetId").asText()).isEqualTo(set);
            assertThat(edge.get("role").get("_links").get("members").get("href").asText())
                    .endsWith("/api/v1/iam/resource-sets/" + set + "/bindings/" + edge.get("role").get("id").asText() + "/members");

            clock.advance(Duration.ofMinutes(5));
            sets.unbind(set, "cr0AbcdJxGIr0ouum0g5");
            sets.bind(set, "cr0NewrJxGIr0ouum0g6");
            sink.clear();
            harness.run(client, sink, Map.of());
            assertThat(sink.records("resource_set_bindings")).extracting(r -> r.op() + " " + r.key())
                    .containsExactlyInAnyOrder("DELETE " + set + "/cr0AbcdJxGIr0ouum0g5", "UPSERT " + set + "/cr0NewrJxGIr0ouum0g6");
        }
    }
}
