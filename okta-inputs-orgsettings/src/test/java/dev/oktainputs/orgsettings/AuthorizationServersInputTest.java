package dev.oktainputs.orgsettings;

import static dev.oktainputs.testkit.InputHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.config.InputOptions;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.testkit.FakeCustomAuthorizationServers;
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

class AuthorizationServersInputTest {

    @RegisterExtension
    static FakeOktaExtension okta = FakeOktaExtension.builder().users(3).seed(5).build();

    private final InputHarness harness = new InputHarness(new AuthorizationServersInput());
    private final OktaInput input = harness.input();


    @Test
    void listsServersVerbatimThenEmitsOnlyChangesAndRemovals(FakeOktaServer okta, FakeOrg org, VirtualClock clock,
                                                            RecordingSink sink) throws Exception {
        FakeCustomAuthorizationServers servers = org.authorizationServers();
        String orders = servers.add("Orders API", "Tokens for the orders API", "api://orders");
        String billing = servers.add("Billing API", "Tokens for billing", "api://billing");
        String legacy = servers.add("Legacy", "Old mobile app", "api://legacy");
        for (int i = 0; i < 4; i++) {
            servers.add("team " + i, "Team " + i, "api://team" + i);
        }
        try (OktaClient client = okta.clientBuilder().build()) {
            harness.run(client, sink, Map.of("page_size", 3));
            assertThat(sink.keys("authorization_servers")).containsExactlyInAnyOrderElementsOf(servers.ids()).hasSize(7);
            assertThat(okta.requests()).extracting(r -> r.queryParameter("limit")).containsOnly("3");
            assertThat(okta.requests()).hasSize(3);
            JsonNode first = json(sink, "authorization_servers", orders);
            assertThat(first.get("audiences").get(0).asText()).isEqualTo("api://orders");
            assertThat(first.get("issuer").asText()).endsWith("/oauth2/" + orders);
            assertThat(first.get("credentials").get("signing").get("rotationMode").asText()).isEqualTo("AUTO");

            clock.advance(Duration.ofMinutes(5));
            servers.delete(legacy);
            servers.deactivate(billing);
            servers.setAudiences(orders, "api://orders", "api://orders-v2");
            String added = servers.add("Payments API", "Tokens for payments", "api://payments");
            clock.advance(Duration.ofMinutes(1));
            sink.clear();
            harness.run(client, sink, Map.of());
            assertThat(sink.records("authorization_servers")).extracting(r -> r.op() + " " + r.key())
                    .containsExactlyInAnyOrder("DELETE " + legacy, "UPSERT " + billing, "UPSERT " + orders, "UPSERT " + added);
            assertThat(json(sink, "authorization_servers", billing).get("status").asText()).isEqualTo("INACTIVE");
            assertThat(json(sink, "authorization_servers", orders).get("audiences")).hasSize(2);
        }
    }

    @Test
    void anOrgWithoutApiAccessManagementGetsAnEmptyRunThatKeepsEarlierRecords(FakeOktaServer okta, FakeOrg org,
                                                                               VirtualClock clock, RecordingSink sink)
            throws Exception {
        String kept = org.authorizationServers().add("default", "Default", "api://default");
        try (OktaClient client = okta.clientBuilder().build()) {
            harness.run(client, sink);
            assertThat(sink.keys("authorization_servers")).containsExactly(kept);
            org.authorizationServers().withoutFeature(401);
            clock.advance(Duration.ofMinutes(30));
            sink.clear();
            var result = harness.run(client, sink);
            assertThat(result.records()).isZero();
            assertThat(sink.records()).isEmpty(); // no DELETE of what was read before
            org.authorizationServers().withoutFeature(0);
            clock.advance(Duration.ofMinutes(30));
            harness.run(client, sink);
            assertThat(sink.records("authorization_servers")).extracting(r -> r.op().name()).doesNotContain("DELETE");
        }
        assertThat(input.optionalFeature()).isTrue();
    }

    @Test
    void declaresItsScopeProbeAndPageSize() {
        assertThat(input.family()).isEqualTo("org_settings");
        assertThat(input.requiredScopes()).containsExactly("okta.authorizationServers.read");
        assertThat(input.probePath()).isEqualTo("/api/v1/authorizationServers?limit=1");
        assertThat(InputOptions.parse(input.name(), input.options(), Map.of()).get(AuthorizationServersInput.PAGE_SIZE))
                .isEqualTo(200);
    }
}
