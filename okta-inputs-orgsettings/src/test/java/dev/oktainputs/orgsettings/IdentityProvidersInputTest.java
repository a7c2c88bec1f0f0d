package dev.oktainputs.orgsettings;

import static dev.oktainputs.testkit.InputHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.config.InputOptions;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.testkit.FakeIdentityProviders;
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

class IdentityProvidersInputTest {

    @RegisterExtension
    static FakeOktaExtension okta = FakeOktaExtension.builder().users(3).seed(5).build();

    private final InputHarness harness = new InputHarness(new IdentityProvidersInput());
    private final OktaInput input = harness.input();


    @Test
    void listsIdpsVerbatimThenEmitsOnlyChangesAndRemovals(FakeOktaServer okta, FakeOrg org, VirtualClock clock,
                                                         RecordingSink sink) throws Exception {
        FakeIdentityProviders idps = org.identityProviders();
        String saml = idps.add("SAML2", "Partner SSO");
        String google = idps.add("GOOGLE", "Google");
        String oidc = idps.add("OIDC", "Contractors");
        for (int i = 0; i < 4; i++) {
            idps.add("SAML2", "Subsidiary " + i);
        }
        try (OktaClient client = okta.clientBuilder().build()) {
            harness.run(client, sink, Map.of("page_size", 3));
            assertThat(sink.keys("identity_providers")).containsExactlyInAnyOrderElementsOf(idps.ids()).hasSize(7);
            assertThat(okta.requests()).extracting(r -> r.queryParameter("limit")).containsOnly("3");
            assertThat(okta.requests()).hasSize(3);
            assertThat(json(sink, "identity_providers", saml).get("protocol").get("type").asText()).isEqualTo("SAML2");
            assertThat(json(sink, "identity_providers", saml).at("/protocol/credentials/trust/issuer").asText())
                    .isEqualTo("https://idp.example.com");
            assertThat(json(sink, "identity_providers", google).get("type").asText()).isEqualTo("GOOGLE");
            assertThat(json(sink, "identity_providers", google).get("protocol").get("type").asText()).isEqualTo("OIDC");
            assertThat(json(sink, "identity_providers", oidc).get("protocol").get("issuer").get("url").asText())
                    .isEqualTo("https://idp.example.com");
            assertThat(json(sink, "identity_providers", oidc).get("policy").get("subject").get("matchType").asText())
                    .isEqualTo("USERNAME");
            // the IdP's own OAuth client secret, which Okta lists, never reaches a record; the rest stays verbatim
            assertThat(json(sink, "identity_providers", oidc).at("/protocol/credentials/client/client_secret").asText())
                    .isEqualTo("[redacted]");
            assertThat(json(sink, "identity_providers", oidc).at("/protocol/credentials/client/client_id").asText())
                    .isEqualTo("your-client-id");
            assertThat(sink.records("identity_providers")).allSatisfy(r -> assertThat(r.jsonString())
                    .doesNotContain("your-client-secret"));
            String raw = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(okta.orgUrl() + "/api/v1/idps")).header("Authorization", "SSWS " + okta.apiToken())
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertThat(raw).contains("\"client_secret\":\"your-client-secret\""); // as Okta lists it

            clock.advance(Duration.ofMinutes(5));
            idps.delete(google);
            idps.deactivate(saml);
            String added = idps.add("FACEBOOK", "Facebook");
            clock.advance(Duration.ofMinutes(1));
            sink.clear();
            harness.run(client, sink, Map.of());
            assertThat(sink.records("identity_providers")).extracting(r -> r.op() + " " + r.key())
                    .containsExactlyInAnyOrder("DELETE " + google, "UPSERT " + saml, "UPSERT " + added);
            assertThat(json(sink, "identity_providers", saml).get("status").asText()).isEqualTo("INACTIVE");
            assertThat(json(sink, "identity_providers", saml).get("_links").has("activate")).isTrue();
        }
    }

    @Test
    void declaresItsScopeProbeAndPageSize() {
        assertThat(input.family()).isEqualTo("org_settings");
        assertThat(input.requiredScopes()).containsExactly("okta.idps.read");
        assertThat(input.probePath()).isEqualTo("/api/v1/idps?limit=1");
        assertThat(InputOptions.parse(input.name(), input.options(), Map.of()).get(IdentityProvidersInput.PAGE_SIZE))
                .isEqualTo(200);
    }
}
