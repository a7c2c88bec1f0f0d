package dev.oktainputs.policies;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.core.InputRunner;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.testkit.FakeOktaExtension;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.FakePolicies;
import dev.oktainputs.testkit.InputHarness;
import dev.oktainputs.testkit.RecordingSink;
import dev.oktainputs.testkit.StderrCapture;
import dev.oktainputs.testkit.VirtualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PoliciesInputTest {

    @RegisterExtension
    static FakeOktaExtension okta = FakeOktaExtension.builder().users(3).seed(7).build();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InputHarness harness = new InputHarness(new PoliciesInput());

    private static List<String> ops(RecordingSink sink) {
        return sink.records("policies").stream().map(r -> r.op() + " " + r.key()).toList();
    }

    @Test
    void listsEveryTypeThenEmitsOnlyChangesAndRemovals(FakeOktaServer okta, FakeOrg org, VirtualClock clock,
                                                       RecordingSink sink) throws Exception {
        String signOn = org.policies().add("OKTA_SIGN_ON", "Default Policy");
        String password = org.policies().add("PASSWORD", "Default Policy");
        String mfa = org.policies().add("MFA_ENROLL", "Default Policy");
        String access = org.policies().add("ACCESS_POLICY", "Okta Dashboard");
        try (OktaClient client = okta.clientBuilder().build()) {
            harness.run(client, sink, Map.of());
            assertThat(sink.keys("policies")).containsExactlyInAnyOrder(signOn, password, mfa, access);
            assertThat(okta.requests()).extracting(r -> r.queryParameter("type"))
                    .containsExactlyElementsOf(FakePolicies.TYPES); // one request per type, in the spec's order
            OktaRecord pw = sink.records("policies").stream().filter(r -> r.key().equals(password)).findFirst().orElseThrow();
            assertThat(JSON.readTree(pw.jsonString()).get("type").asText()).isEqualTo("PASSWORD");
            assertThat(JSON.readTree(pw.jsonString()).get("_links").get("rules").get("href").asText())
                    .endsWith("/api/v1/policies/" + password + "/rules");

            clock.advance(Duration.ofMinutes(5));
            org.policies().delete(mfa);
            org.policies().deactivate(access);
            String added = org.policies().add("PASSWORD", "Contractors");
            clock.advance(Duration.ofMinutes(1));
            sink.clear();
            harness.run(client, sink, Map.of());
            assertThat(ops(sink)).containsExactlyInAnyOrder("DELETE " + mfa, "UPSERT " + access, "UPSERT " + added);
        }
    }

    @Test
    void aTypeTheOrgLacksIsSkippedWithOneWarningAndItsRecordsAreNotDeleted(FakeOktaServer okta, FakeOrg org,
                                                                          VirtualClock clock, RecordingSink sink)
            throws Exception {
        String signOn = org.policies().add("OKTA_SIGN_ON", "Default Policy");
        String password = org.policies().add("PASSWORD", "Default Policy");
        String oldPassword = org.policies().add("PASSWORD", "Legacy");
        String app1 = org.policies().add("ACCESS_POLICY", "Okta Dashboard");
        String app2 = org.policies().add("ACCESS_POLICY", "Any two factors");
        try (OktaClient client = okta.clientBuilder().build()) {
            harness.run(client, sink, Map.of());
            assertThat(sink.keys("policies")).containsExactlyInAnyOrder(signOn, password, oldPassword, app1, app2);

            // ACCESS_POLICY now answers 403 E0000015 (as in an org without Identity Engine); one of its policies
            // and a password policy go away; a full sync, which would delete whatever it does not see
            org.policies().disableType("ACCESS_POLICY");
            org.policies().delete(app2);
            org.policies().delete(oldPassword);
            clock.advance(Duration.ofMinutes(5));
            sink.clear();
            InputRunner.Result result;
            List<String> warnings;
            try (StderrCapture log = new StderrCapture()) {
                result = harness.run(client, sink, Map.of("full_sync", true));
                warnings = log.lines().stream().filter(l -> l.contains("WARN")).toList();
            }
            assertThat(warnings).singleElement().satisfies(w -> assertThat(w)
                    .contains("policies: skipped policy type ACCESS_POLICY", "403 E0000015",
                            "You do not have permission to access the feature you are requesting", "kept, not deleted"));
            assertThat(result.metrics().count(PolicyTypeRun.TYPES_SKIPPED)).isEqualTo(1);
            assertThat(ops(sink)).containsExactlyInAnyOrder("UPSERT " + signOn, "UPSERT " + password, "DELETE " + oldPassword);
            assertThat(harness.checkpoints().load(okta.orgUrl(), "policies")).get()
                    .satisfies(cp -> assertThat(cp.values()).doesNotContainKey("at"));

            // the next run (the next cron fire) skips it again: counted, but the warning was said once
            clock.advance(Duration.ofMinutes(1));
            sink.clear();
            try (StderrCapture log = new StderrCapture()) {
                result = harness.run(client, sink, Map.of());
                assertThat(log.lines()).noneMatch(l -> l.contains("WARN"));
            }
            assertThat(result.metrics().count(PolicyTypeRun.TYPES_SKIPPED)).isEqualTo(1);
            assertThat(ops(sink)).doesNotContain("DELETE " + app1);

            // the type answers again: it is compared with what was known before it was skipped
            org.policies().enableType("ACCESS_POLICY");
            clock.advance(Duration.ofMinutes(5));
            sink.clear();
            harness.run(client, sink, Map.of("full_sync", true));
            assertThat(ops(sink)).containsExactlyInAnyOrder("UPSERT " + signOn, "UPSERT " + password, "UPSERT " + app1,
                    "DELETE " + app2);
        }
    }

    @Test
    void anOrgThatNeverHadATypeCompletesWithTheOthers(FakeOktaServer okta, FakeOrg org, RecordingSink sink)
            throws Exception {
        String signOn = org.policies().add("OKTA_SIGN_ON", "Default Policy");
        String risk = org.policies().add("ENTITY_RISK", "Entity risk policy");
        org.policies().disableType("ENTITY_RISK");
        org.policies().disableType("IDENTITY_CLAIM_SOURCING", 401); // the last type, as the spec's 401: the run ends
        try (OktaClient client = okta.clientBuilder().build()) {
            InputRunner.Result first;
            try (StderrCapture log = new StderrCapture()) {
                first = harness.run(client, sink, Map.of());
                assertThat(log.lines()).filteredOn(l -> l.contains("WARN")).hasSize(2)
                        .anySatisfy(l -> assertThat(l).contains("type ENTITY_RISK"))
                        .anySatisfy(l -> assertThat(l).contains("type IDENTITY_CLAIM_SOURCING", "401 E0000015"));
            }
            assertThat(first.metrics().count(PolicyTypeRun.TYPES_SKIPPED)).isEqualTo(2);
            assertThat(sink.keys("policies")).containsExactly(signOn).doesNotContain(risk);
            assertThat(okta.requests()).hasSize(FakePolicies.TYPES.size());
        }
    }
}
