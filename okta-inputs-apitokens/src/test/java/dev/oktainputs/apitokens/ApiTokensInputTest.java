package dev.oktainputs.apitokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktainputs.core.Inputs;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.testkit.DirectoryShape;
import dev.oktainputs.testkit.FakeAdminRoles;
import dev.oktainputs.testkit.FakeOktaExtension;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.InputHarness;
import dev.oktainputs.testkit.RecordingSink;
import dev.oktainputs.testkit.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ApiTokensInputTest {

    @RegisterExtension
    static FakeOktaExtension okta = FakeOktaExtension.builder().users(100).seed(8)
            .directory(DirectoryShape.of(2, 0, 0, 0).withAdmins(4).withApiTokens(6)).build();

    private final InputHarness harness = new InputHarness(new ApiTokensInput());
    private final OktaInput input = harness.input();

    @Test
    void listsTokensWithOwnerAndExpiryAndFollowsRevocations(FakeOktaServer okta, FakeOrg org, VirtualClock clock,
                                                            RecordingSink sink) throws Exception {
        FakeAdminRoles roles = org.directory().roles();
        try (OktaClient client = okta.clientBuilder().build()) {
            harness.run(client, sink);
            assertThat(okta.requests()).hasSize(1);
            assertThat(sink.keys("api_tokens")).containsExactlyInAnyOrderElementsOf(roles.apiTokenIds());
            JsonNode token = new ObjectMapper().readTree(sink.records("api_tokens").get(0).jsonString());
            assertThat(org.user(token.get("userId").asText())).isPresent();
            assertThat(token.get("clientName").asText()).isNotBlank();
            assertThat(Instant.parse(token.get("expiresAt").asText())).isAfter(clock.instant());
            assertThat(sink.records("api_tokens")).allSatisfy(r -> assertThat(r.jsonString()).doesNotContain(okta.apiToken()));

            clock.advance(Duration.ofMinutes(5));
            String revoked = roles.apiTokenIds().get(2);
            roles.revokeApiToken(revoked);
            String created = roles.addApiToken("ci", org.users().get(3).id());
            clock.advance(Duration.ofMinutes(1));
            sink.clear();
            harness.run(client, sink);
            assertThat(sink.records("api_tokens")).extracting(r -> r.op() + " " + r.key())
                    .containsExactlyInAnyOrder("DELETE " + revoked, "UPSERT " + created);
        }
        assertThat(Inputs.byName("api_tokens")).isInstanceOf(ApiTokensInput.class);
        assertThat(input.requiredScopes()).containsExactly("okta.apiTokens.read");
    }
}
