package dev.oktainputs.policies;

import static dev.oktainputs.testkit.InputHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.core.InputRunner;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.listing.FeatureGuardedRun;
import dev.oktainputs.testkit.FakeOktaExtension;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.InputHarness;
import dev.oktainputs.testkit.RecordingSink;
import dev.oktainputs.testkit.StderrCapture;
import dev.oktainputs.testkit.VirtualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuthenticatorsInputTest {

    @RegisterExtension
    static FakeOktaExtension okta = FakeOktaExtension.builder().users(3).seed(6).build();

    private final InputHarness harness = new InputHarness(new AuthenticatorsInput());


    @Test
    void listsEveryAuthenticatorInOneRequestThenEmitsOnlyChangesAndRemovals(FakeOktaServer okta, FakeOrg org,
                                                                           VirtualClock clock, RecordingSink sink)
            throws Exception {
        List<String> ids = org.authenticators().addDefaults();
        String email = ids.get(0);
        String phone = ids.get(2);
        String webauthn = ids.get(3);
        String custom = org.authenticators().add("custom_app", "app", "Acme Push", "ACTIVE");
        try (OktaClient client = okta.clientBuilder().build()) {
            harness.run(client, sink);
            assertThat(sink.keys("authenticators")).containsExactlyInAnyOrderElementsOf(org.authenticators().ids()).hasSize(6);
            assertThat(okta.requests()).singleElement().satisfies(r -> {
                assertThat(r.path()).isEqualTo("/api/v1/authenticators");
                assertThat(r.queryParameter("limit")).isNull(); // the spec gives the endpoint no paging parameters
            });
            assertThat(json(sink, "authenticators", email).get("key").asText()).isEqualTo("okta_email");
            assertThat(json(sink, "authenticators", email).get("settings").get("tokenLifetimeInMinutes").asInt())
                    .isEqualTo(5);
            assertThat(json(sink, "authenticators", webauthn).get("type").asText()).isEqualTo("security_key");
            assertThat(json(sink, "authenticators", phone).get("status").asText()).isEqualTo("INACTIVE");

            clock.advance(Duration.ofMinutes(5));
            org.authenticators().setStatus(phone, "ACTIVE");
            org.authenticators().delete(custom);
            clock.advance(Duration.ofMinutes(1));
            sink.clear();
            harness.run(client, sink);
            assertThat(sink.records("authenticators")).extracting(r -> r.op() + " " + r.key())
                    .containsExactlyInAnyOrder("UPSERT " + phone, "DELETE " + custom);
            assertThat(json(sink, "authenticators", phone).get("settings").get("allowedFor").asText()).isEqualTo("any");
        }
    }

    @Test
    void anOrgWithoutTheFeatureGetsOneWarningAndAnEmptyRunThatKeepsEarlierRecords(FakeOktaServer okta, FakeOrg org,
                                                                                 VirtualClock clock, RecordingSink sink)
            throws Exception {
        List<String> ids = org.authenticators().addDefaults();
        try (OktaClient client = okta.clientBuilder().build()) {
            harness.run(client, sink);
            assertThat(sink.keys("authenticators")).hasSize(5);

            org.authenticators().withoutFeature(401); // E0000015 as Okta's spec shows it
            org.authenticators().delete(ids.get(1));
            clock.advance(Duration.ofMinutes(5));
            sink.clear();
            InputRunner.Result result;
            try (StderrCapture log = new StderrCapture()) {
                result = harness.run(client, sink, Map.of("full_sync", true));
                assertThat(log.lines()).filteredOn(l -> l.contains("WARN")).singleElement().satisfies(w -> assertThat(w)
                        .contains("authenticators: this org does not have it", "401 E0000015", "earlier records are kept"));
            }
            assertThat(result.records()).isZero();
            assertThat(result.metrics().count(FeatureGuardedRun.FEATURE_MISSING)).isEqualTo(1);

            org.authenticators().withoutFeature(0);
            clock.advance(Duration.ofMinutes(5));
            harness.run(client, sink);
            assertThat(sink.records("authenticators")).extracting(r -> r.op() + " " + r.key())
                    .containsExactly("DELETE " + ids.get(1)); // compared with what was known before
        }
    }
}
