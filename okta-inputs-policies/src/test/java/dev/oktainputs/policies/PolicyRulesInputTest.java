package dev.oktainputs.policies;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.core.InputRunner;
import dev.oktainputs.core.http.OktaClient;
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

class PolicyRulesInputTest {

    @RegisterExtension
    static FakeOktaExtension okta = FakeOktaExtension.builder().users(3).seed(8).build();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InputHarness harness = new InputHarness(new PolicyRulesInput());

    private static List<String> ops(RecordingSink sink) {
        return sink.records("policy_rules").stream().map(r -> r.op() + " " + r.key()).toList();
    }

    @Test
    void emitsEachRuleAsOktaSentItThenOnlyChangesAndRemovals(FakeOktaServer okta, FakeOrg org, VirtualClock clock,
                                                            RecordingSink sink) throws Exception {
        String signOn = org.policies().add("OKTA_SIGN_ON", "Default Policy");
        String r1 = signOn + "/" + org.policies().addRule(signOn, "Default Rule");
        String r2 = signOn + "/" + org.policies().addRule(signOn, "VPN");
        String password = org.policies().add("PASSWORD", "Default Policy");
        String r3 = password + "/" + org.policies().addRule(password, "Default Rule");
        String mfa = org.policies().add("MFA_ENROLL", "Default Policy");
        String r4 = mfa + "/" + org.policies().addRule(mfa, "Default Rule");
        clock.advance(Duration.ofMinutes(1)); // made before the first run starts (no fan-out re-reads them)
        try (OktaClient client = okta.clientBuilder().build()) {
            harness.run(client, sink, Map.of());
            assertThat(sink.keys("policy_rules")).containsExactlyInAnyOrder(r1, r2, r3, r4);
            OktaRecord rule = sink.records("policy_rules").stream().filter(r -> r.key().equals(r1)).findFirst().orElseThrow();
            assertThat(JSON.readTree(rule.jsonString()).get("type").asText()).isEqualTo("SIGN_ON");
            assertThat(JSON.readTree(rule.jsonString()).get("actions").get("signon").get("access").asText()).isEqualTo("ALLOW");
            assertThat(okta.requests()).filteredOn(r -> r.path().endsWith("/rules")).hasSize(3);

            clock.advance(Duration.ofMinutes(5));
            org.policies().deactivateRule(signOn, r2.substring(r2.indexOf('/') + 1));
            org.policies().deleteRule(password, r3.substring(r3.indexOf('/') + 1));
            org.policies().delete(mfa);
            String r5 = password + "/" + org.policies().addRule(password, "Contractors");
            clock.advance(Duration.ofMinutes(1));
            sink.clear();
            harness.run(client, sink, Map.of());
            assertThat(ops(sink)).containsExactlyInAnyOrder("UPSERT " + r2, "DELETE " + r3, "DELETE " + r4, "UPSERT " + r5);
        }
    }

    @Test
    void theRulesOfASkippedTypeAreNotDeleted(FakeOktaServer okta, FakeOrg org, VirtualClock clock, RecordingSink sink)
            throws Exception {
        String signOn = org.policies().add("OKTA_SIGN_ON", "Default Policy");
        String r1 = signOn + "/" + org.policies().addRule(signOn, "Default Rule");
        String app = org.policies().add("ACCESS_POLICY", "Okta Dashboard");
        String r2 = app + "/" + org.policies().addRule(app, "Catch-all Rule");
        String r3 = app + "/" + org.policies().addRule(app, "Admins");
        clock.advance(Duration.ofMinutes(1)); // made before the first run starts (no fan-out re-reads them)
        try (OktaClient client = okta.clientBuilder().build()) {
            harness.run(client, sink, Map.of());
            assertThat(sink.keys("policy_rules")).containsExactlyInAnyOrder(r1, r2, r3);

            org.policies().disableType("ACCESS_POLICY");
            org.policies().deleteRule(app, r3.substring(r3.indexOf('/') + 1));
            clock.advance(Duration.ofMinutes(5));
            sink.clear();
            InputRunner.Result result;
            try (StderrCapture log = new StderrCapture()) {
                result = harness.run(client, sink, Map.of("full_sync", true));
                assertThat(log.lines()).filteredOn(l -> l.contains("WARN")).singleElement()
                        .satisfies(w -> assertThat(w).contains("policy_rules: skipped policy type ACCESS_POLICY", "E0000015"));
            }
            assertThat(result.metrics().count(PolicyTypeRun.TYPES_SKIPPED)).isEqualTo(1);
            assertThat(ops(sink)).containsExactly("UPSERT " + r1);

            org.policies().enableType("ACCESS_POLICY");
            clock.advance(Duration.ofMinutes(5));
            sink.clear();
            harness.run(client, sink, Map.of());
            assertThat(ops(sink)).containsExactly("DELETE " + r3);
        }
    }
}
