package dev.oktainputs.orgsettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputFamilies;
import dev.oktainputs.core.InputRunner;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.Secret;
import dev.oktainputs.core.auth.ServiceAppCredentials;
import dev.oktainputs.core.error.OktaPermissionException;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.state.InMemoryCheckpointStore;
import dev.oktainputs.testkit.FakeOktaExtension;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.RecordingSink;
import dev.oktainputs.testkit.ServiceApp;
import dev.oktainputs.testkit.TestKeyPair;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code org_settings} family: its members, and for each the OAuth scope it declares is the one Okta (the fake)
 * asks for on its endpoint, so a service app granted exactly the declared scopes can run it and one without cannot.
 */
class OrgSettingsFamilyTest {

    @RegisterExtension
    static FakeOktaExtension okta = FakeOktaExtension.builder().users(3).seed(9).build();

    private static final String CLIENT = "0oaorgsettings";
    private static final TestKeyPair KEY = TestKeyPair.rsa(2048, "kid-1");

    static List<OktaInput> inputs() {
        return InputFamilies.discover().members("org_settings");
    }

    @Test
    void theFamilyIsTheFourSettingsLists() {
        assertThat(InputFamilies.discover().inputNames("org_settings"))
                .containsExactly("authorization_servers", "identity_providers", "network_zones", "trusted_origins");
        assertThat(inputs()).allSatisfy(i -> assertThat(i.defaultSchedule()).isEqualTo(OktaInput.DEFAULT_SCHEDULE));
    }

    private static void fill(FakeOrg org) {
        org.networkZones().addIpZone("Offices", "POLICY", "203.0.113.0/24");
        org.identityProviders().add("SAML2", "Partner SSO");
        org.authorizationServers().add("Orders API", "Orders", "api://orders");
        org.trustedOrigins().add("Intranet", "https://intranet.example.com", "CORS");
    }

    private static RecordingSink run(FakeOktaServer okta, OktaInput input, Set<String> scopes) throws Exception {
        ServiceAppCredentials credentials = ServiceAppCredentials.builder().clientId(CLIENT).keyId("kid-1")
                .privateKey(Secret.of(KEY.pkcs8Pem())).scopes(scopes).build();
        RecordingSink sink = new RecordingSink();
        try (OktaClient client = okta.clientBuilder(credentials).build()) {
            InputRunner.runOnce(input, InputContext.withDefaults(client, input), sink, new InMemoryCheckpointStore());
        }
        return sink;
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void aServiceAppGrantedTheDeclaredScopeRunsItAndOneWithoutIsToldWhichScope(OktaInput input, FakeOktaServer okta,
                                                                              FakeOrg org) throws Exception {
        fill(org);
        okta.registerServiceApp(ServiceApp.builder(CLIENT).key("kid-1", KEY.publicKey())
                .grant(input.requiredScopes().toArray(String[]::new)).grant("okta.users.read").build());

        assertThat(run(okta, input, input.requiredScopes()).keys(input.name())).hasSize(1);

        String scope = input.requiredScopes().iterator().next();
        assertThatThrownBy(() -> run(okta, input, Set.of("okta.users.read")))
                .isInstanceOf(OktaPermissionException.class)
                .hasMessageContaining("lacks the scope " + scope);
    }
}
