package dev.oktainputs.systemlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRunner;
import dev.oktainputs.core.config.InputOptions;
import dev.oktainputs.core.error.OktaConfigurationException;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.state.InMemoryCheckpointStore;
import dev.oktainputs.core.state.InMemoryIdSetStore;
import dev.oktainputs.testkit.FakeOkta;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.RecordingSink;
import dev.oktainputs.testkit.VirtualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@FakeOkta(users = 0, seed = 31)
class DetectionTest {

    private static final Map<String, Object> ON = Map.of("detection", true);
    private final SystemLogInput input = new SystemLogInput();
    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    private final InMemoryIdSetStore idSets = new InMemoryIdSetStore();

    private InputRunner.Result run(FakeOktaServer okta, RecordingSink sink, Map<String, ?> options)
            throws Exception {
        try (OktaClient client = SystemLogInputTest.client(okta)) {
            InputContext ctx = new InputContext(client, InputOptions.parse(SystemLogInput.NAME, input.options(), options), idSets);
            return InputRunner.runOnce(input, ctx, sink, checkpoints);
        }
    }

    private static Map<String, Map<String, String>> labelsByKey(RecordingSink sink) {
        return sink.records().stream().collect(Collectors.toMap(OktaRecord::key, OktaRecord::labels));
    }

    @Test
    void theBuiltInRulesLabelExactlyTheEventsTheyDescribe(FakeOktaServer okta, FakeOrg org, VirtualClock clock,
                                                          RecordingSink sink) throws Exception {
        var log = org.systemLog();
        String grant = log.append("user.account.privilege.grant", null, null);
        String token = log.append("system.api_token.create", null, null);
        String factor = log.append("user.mfa.factor.deactivate", null, null);
        String threat = log.append("security.threat.detected", "DENY", null);
        List<String> neutral = List.of(log.append("user.session.start", "SUCCESS", "203.0.113.5"),
                log.append("user.authentication.sso", null, null), log.append("user.account.lock", null, null));
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofMinutes(1));
            failures.add(log.append("user.session.start", "FAILURE", "203.0.113.5"));
            log.append("user.session.start", "FAILURE", "198.51.100." + (10 + i)); // one failure from each of six IPs
        }
        InputRunner.Result result = run(okta, sink, ON);

        Map<String, Map<String, String>> labels = labelsByKey(sink);
        assertThat(labels.get(grant)).containsExactlyInAnyOrderEntriesOf(
                Map.of("detection", "admin-privilege-granted", "detection_risk", "high"));
        assertThat(labels.get(token)).containsEntry("detection", "api-token-created").containsEntry("detection_risk", "medium");
        assertThat(labels.get(factor)).containsEntry("detection", "mfa-factor-deactivated");
        assertThat(labels.get(threat)).containsEntry("detection", "threat-detected");
        neutral.forEach(k -> assertThat(labels.get(k)).as(k).isEmpty());
        // The 5th and 6th failure from one IP within 10 minutes fire; the first four, and single failures elsewhere, do not.
        for (int i = 0; i < 6; i++) {
            assertThat(labels.get(failures.get(i))).as("failure " + (i + 1))
                    .isEqualTo(i < 4 ? Map.of() : Map.of("detection", "repeated-sign-in-failures", "detection_risk", "high"));
        }
        long labelled = labels.values().stream().filter(l -> !l.isEmpty()).count();
        assertThat(labelled).isEqualTo(4 + 2);
        assertThat(result.metrics().count("events_labelled")).isEqualTo(6);
    }

    @Test
    void aThresholdCountsAcrossRunsAndForgetsOutsideItsWindow(FakeOktaServer okta, FakeOrg org, VirtualClock clock,
                                                             RecordingSink sink) throws Exception {
        var log = org.systemLog();
        for (int i = 0; i < 3; i++) {
            log.append("user.session.start", "FAILURE", "203.0.113.8");
        }
        run(okta, sink, ON);
        clock.advance(Duration.ofMinutes(4));
        log.append("user.session.start", "FAILURE", "203.0.113.8");
        String fifth = log.append("user.session.start", "FAILURE", "203.0.113.8");
        run(okta, sink, ON); // a new run: the first three are remembered from the previous one
        assertThat(labelsByKey(sink).get(fifth)).containsEntry("detection", "repeated-sign-in-failures");

        clock.advance(Duration.ofMinutes(30));
        List<String> later = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            later.add(log.append("user.session.start", "FAILURE", "203.0.113.8"));
        }
        run(okta, sink, ON);
        later.forEach(k -> assertThat(labelsByKey(sink).get(k)).isEmpty()); // the earlier five are out of the window
    }

    @Test
    void labelsAreOffByDefaultAndOnlyOnRuleTypesOverARealisticMix(FakeOktaServer okta, FakeOrg org)
            throws Exception {
        org.systemLog().generate(6_000, Duration.ofMinutes(30));
        RecordingSink plain = new RecordingSink();
        run(okta, plain, Map.of());
        assertThat(plain.records()).hasSize(6_000).allSatisfy(r -> assertThat(r.labels()).isEmpty());

        RecordingSink labelled = new RecordingSink();
        InMemoryCheckpointStore fresh = new InMemoryCheckpointStore();
        try (OktaClient client = SystemLogInputTest.client(okta)) {
            InputRunner.runOnce(input, new InputContext(client, InputOptions.parse(SystemLogInput.NAME, input.options(), ON),
                    new InMemoryIdSetStore()), labelled, fresh);
        }
        Set<String> single = Set.of("user.account.privilege.grant", "system.api_token.create", "user.mfa.factor.deactivate",
                "security.threat.detected");
        int fired = 0;
        for (OktaRecord r : labelled.records()) {
            String json = r.jsonString();
            int at = json.indexOf("\"eventType\":\"") + 13;
            String type = json.substring(at, json.indexOf('"', at));
            if (single.contains(type)) {
                assertThat(r.labels()).as(type).containsKey("detection");
                fired++;
            } else if (!r.labels().isEmpty()) {
                assertThat(r.labels()).containsEntry("detection", "repeated-sign-in-failures");
                assertThat(r.jsonString()).contains("\"eventType\":\"user.session.start\"").contains("\"result\":\"FAILURE\"");
            }
        }
        assertThat(fired).isBetween(20, 150);
    }

    @Test
    void customRulesComeFromAJsonFile(FakeOktaServer okta, FakeOrg org, RecordingSink sink,
                                      @TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.json");
        Files.writeString(rules, """
                {"rules": [
                  {"name": "lockout", "eventType": ["user.account.lock"], "severity": "WARN", "risk": "low"},
                  {"name": "anything-security", "eventType": "security.*", "risk": "critical"},
                  {"name": "threat-denied", "eventType": "security.threat.detected", "outcome": ["DENY"], "risk": "high"}
                ]}""");
        String lock = org.systemLog().append("user.account.lock", null, null);
        String threat = org.systemLog().append("security.threat.detected", "DENY", null);
        String grant = org.systemLog().append("user.account.privilege.grant", null, null);
        run(okta, sink, Map.of("detection", true, "detection_rules", rules.toString()));
        Map<String, Map<String, String>> labels = labelsByKey(sink);
        assertThat(labels.get(lock)).isEqualTo(Map.of("detection", "lockout", "detection_risk", "low"));
        assertThat(labels.get(threat)).isEqualTo(Map.of("detection", "anything-security,threat-denied", "detection_risk", "critical"));
        assertThat(labels.get(grant)).isEmpty(); // the built-in rules are replaced, not added to
    }

    @Test
    void rulesLoadFromAGenericTreeAsAYamlParserWouldGiveThem() {
        Object tree = List.of(Map.of("name", "burst", "eventType", "user.session.start", "outcome", "FAILURE",
                "threshold", Map.of("count", 3, "within", "5m"), "risk", "HIGH", "description", "three in five minutes"));
        DetectionRules rules = DetectionRules.fromTree(tree, "pipeline.yaml");
        DetectionRule rule = rules.rules().get(0);
        assertThat(rule.threshold()).isEqualTo(new DetectionRule.Threshold(3, Duration.ofMinutes(5)));
        assertThat(rule.risk()).isEqualTo(DetectionRule.Risk.HIGH);
        assertThat(rule.matches("user.session.start", "FAILURE", "WARN")).isTrue();
        assertThat(rule.matches("user.session.start", "SUCCESS", "INFO")).isFalse();
        assertThat(DetectionRules.builtIn().rules()).extracting(DetectionRule::name).containsExactly("admin-privilege-granted",
                "api-token-created", "mfa-factor-deactivated", "repeated-sign-in-failures", "threat-detected");
    }

    @Test
    void badRulesAreReportedAllAtOnceNamingTheRuleAndTheKey(@TempDir Path dir) throws Exception {
        Object tree = Map.of("rules", List.of(
                Map.of("name", "ok", "eventType", "user.session.start"),
                Map.of("name", "Bad Name", "evenType", "user.session.start"),
                Map.of("name", "ok", "eventType", "x", "risk", "severe", "threshold", Map.of("count", 0, "within", "soon"))));
        assertThatThrownBy(() -> DetectionRules.fromTree(tree, "rules.json"))
                .isInstanceOfSatisfying(OktaConfigurationException.class, e -> assertThat(e.problems()).hasSize(7))
                .hasMessageContaining("inputs.system_log.detection_rules: rules.json, rule 2: unknown key 'evenType'")
                .hasMessageContaining("rule 2: name must be lower-case letters")
                .hasMessageContaining("rule 2: eventType is missing")
                .hasMessageContaining("rule 3: name 'ok' is used twice")
                .hasMessageContaining("rule 3: risk must be low, medium, high or critical, got 'severe'")
                .hasMessageContaining("rule 3: threshold.count must be a whole number of at least 1, got 0")
                .hasMessageContaining("rule 3: threshold.within: expected a duration such as PT1H");
        assertThatThrownBy(() -> DetectionRules.fromJson(dir.resolve("missing.json")))
                .hasMessageContaining("inputs.system_log.detection_rules: no file").hasMessageContaining("unset detection_rules");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"rules\": [ {\"name\": ");
        assertThatThrownBy(() -> DetectionRules.fromJson(broken)).hasMessageContaining("is not valid JSON");
    }
}
