package dev.oktainputs.orgsettings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.testkit.FakeOktaExtension;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.FakeTrustedOrigins;
import dev.oktainputs.testkit.InputHarness;
import dev.oktainputs.testkit.RecordingSink;
import dev.oktainputs.testkit.VirtualClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TrustedOriginsInputTest {

    @RegisterExtension
    static FakeOktaExtension okta = FakeOktaExtension.builder().users(3).seed(5).build();

    private final InputHarness harness = new InputHarness(new TrustedOriginsInput());
    private final OktaInput input = harness.input();

    @Test
    void listsOriginsVerbatimThenEmitsOnlyChangesAndRemovals(FakeOktaServer okta, FakeOrg org, VirtualClock clock,
                                                            RecordingSink sink) throws Exception {
        FakeTrustedOrigins origins = org.trustedOrigins();
        for (int i = 0; i < 7; i++) {
            origins.add("site " + i, "https://site" + i + ".example.com", "CORS");
        }
        try (OktaClient client = okta.clientBuilder().build()) {
            harness.run(client, sink, Map.of("page_size", 3));
            assertThat(sink.keys("trusted_origins")).containsExactlyInAnyOrderElementsOf(origins.ids());
            assertThat(okta.requests()).extracting(r -> r.queryParameter("limit")).containsOnly("3");
            assertThat(okta.requests()).hasSize(3);
            JsonNode first = new ObjectMapper().readTree(sink.records("trusted_origins").get(0).jsonString());
            assertThat(first.get("origin").asText()).startsWith("https://site");
            assertThat(first.get("scopes").get(0).get("type").asText()).isEqualTo("CORS");

            clock.advance(Duration.ofMinutes(5));
            String removed = origins.ids().get(1);
            String deactivated = origins.ids().get(4);
            origins.delete(removed);
            origins.deactivate(deactivated);
            String added = origins.add("new", "https://new.example.com", "REDIRECT", "IFRAME_EMBED");
            clock.advance(Duration.ofMinutes(1));
            sink.clear();
            harness.run(client, sink, Map.of());
            assertThat(sink.records("trusted_origins")).extracting(r -> r.op() + " " + r.key())
                    .containsExactlyInAnyOrder("DELETE " + removed, "UPSERT " + deactivated, "UPSERT " + added);
        }
    }

    @Test
    void isTheOrgSettingsFamilyWithItsScopeAndProbe() {
        assertThat(input.family()).isEqualTo("org_settings"); // the family's members: OrgSettingsFamilyTest
        assertThat(input.requiredScopes()).containsExactly("okta.trustedOrigins.read");
        assertThat(input.probePath()).isEqualTo("/api/v1/trustedOrigins?limit=1");
        assertThat(input.defaultSchedule()).isEqualTo(OktaInput.DEFAULT_SCHEDULE);
    }
}
