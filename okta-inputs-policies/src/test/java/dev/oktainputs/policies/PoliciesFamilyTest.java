package dev.oktainputs.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputFamilies;
import dev.oktainputs.core.InputRunner;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.Secret;
import dev.oktainputs.core.auth.ServiceAppCredentials;
import dev.oktainputs.core.error.OktaAuthenticationException;
import dev.oktainputs.core.error.OktaBadRequestException;
import dev.oktainputs.core.error.OktaErrorDetails;
import dev.oktainputs.core.error.OktaNotFoundException;
import dev.oktainputs.core.error.OktaPermissionException;
import dev.oktainputs.core.error.OktaServerException;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.state.InMemoryCheckpointStore;
import dev.oktainputs.testkit.FakeOktaExtension;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.FakePolicies;
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
 * The {@code policies} family: its members, their scopes (a service app granted exactly the declared scope runs an
 * input, one without is told which scope), and which errors skip a type.
 */
class PoliciesFamilyTest {

    @RegisterExtension
    static FakeOktaExtension okta = FakeOktaExtension.builder().users(3).seed(9).build();

    private static final String CLIENT = "0oapolicies";
    private static final TestKeyPair KEY = TestKeyPair.rsa(2048, "kid-1");

    static List<OktaInput> inputs() {
        return InputFamilies.discover().members("policies");
    }

    @Test
    void theFamilyIsAuthenticatorsPoliciesAndTheirRules() {
        assertThat(InputFamilies.discover().inputNames("policies"))
                .containsExactlyInAnyOrder("authenticators", "policies", "policy_rules");
        assertThat(inputs()).allSatisfy(i -> assertThat(i.defaultSchedule()).isEqualTo(OktaInput.DEFAULT_SCHEDULE));
        assertThat(PolicyTypeRun.TYPES).isEqualTo(FakePolicies.TYPES);
        assertThat(new PoliciesInput().probePath()).isEqualTo("/api/v1/policies?type=OKTA_SIGN_ON&limit=1");
        assertThat(new PolicyRulesInput().requiredScopes()).containsExactly("okta.policies.read");
    }

    @Test
    void onlyAFeatureErrorOrARefusedTypeSkipsAType() {
        assertThat(PolicyTypeRun.skippable(new OktaPermissionException("feature",
                new OktaErrorDetails(403, "E0000015", "no feature", null, null), null))).isTrue();
        assertThat(PolicyTypeRun.skippable(new OktaBadRequestException("type",
                new OktaErrorDetails(400, "E0000001", "Api validation failed: type", null, null), null))).isTrue();
        assertThat(PolicyTypeRun.skippable(new OktaNotFoundException("type",
                new OktaErrorDetails(404, "E0000007", "Not found", null, null), null))).isTrue();
        assertThat(PolicyTypeRun.skippable(new OktaAuthenticationException("feature",
                new OktaErrorDetails(401, "E0000015", "no feature", null, null), null))).isTrue();
        assertThat(PolicyTypeRun.skippable(new OktaAuthenticationException("token",
                new OktaErrorDetails(401, "E0000011", "Invalid token provided", null, null), null))).isFalse();
        assertThat(PolicyTypeRun.skippable(new OktaServerException("down",
                new OktaErrorDetails(503, null, null, null, null), null))).isFalse();
        assertThat(PolicyTypeRun.skippable(new OktaPermissionException("scope",
                new OktaErrorDetails(403, "E0000006", "You do not have permission", null, null), null))).isFalse();
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
        org.authenticators().add("okta_password", "password", "Password", "ACTIVE");
        String policy = org.policies().add("PASSWORD", "Default Policy");
        org.policies().addRule(policy, "Default Rule");
        okta.registerServiceApp(ServiceApp.builder(CLIENT).key("kid-1", KEY.publicKey())
                .grant(input.requiredScopes().toArray(String[]::new)).grant("okta.users.read").build());

        assertThat(run(okta, input, input.requiredScopes()).keys(input.name())).hasSize(1);

        String scope = input.requiredScopes().iterator().next();
        assertThatThrownBy(() -> run(okta, input, Set.of("okta.users.read")))
                .isInstanceOf(OktaPermissionException.class)
                .hasMessageContaining("lacks the scope " + scope);
    }
}
