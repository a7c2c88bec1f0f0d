package dev.oktainputs.schemas;

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
 * The {@code schemas} family: its members, and for each the OAuth scopes it declares are the ones Okta (the fake)
 * asks for on its endpoints, so a service app granted exactly the declared scopes can run it and one without cannot.
 */
class SchemasFamilyTest {

    @RegisterExtension
    static FakeOktaExtension okta = FakeOktaExtension.builder().users(3).seed(10).build();

    private static final String CLIENT = "0oaschemas";
    private static final TestKeyPair KEY = TestKeyPair.rsa(2048, "kid-1");

    static List<OktaInput> inputs() {
        return InputFamilies.discover().members("schemas");
    }

    @Test
    void theFamilyIsUserTypesAndTheirSchemas() {
        assertThat(InputFamilies.discover().inputNames("schemas")).containsExactly("user_schemas", "user_types");
        assertThat(inputs()).allSatisfy(i -> assertThat(i.defaultSchedule()).isEqualTo(OktaInput.DEFAULT_SCHEDULE));
        assertThat(new UserTypesInput().requiredScopes()).containsExactly("okta.userTypes.read");
        assertThat(new UserTypesInput().probePath()).isEqualTo("/api/v1/meta/types/user");
        assertThat(new UserSchemasInput().requiredScopes()).containsExactly("okta.userTypes.read", "okta.schemas.read");
        assertThat(new UserSchemasInput().probePath()).isEqualTo("/api/v1/meta/schemas/user/default");
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
    void aServiceAppGrantedTheDeclaredScopesRunsItAndOneWithoutIsToldWhichScope(OktaInput input, FakeOktaServer okta,
                                                                               FakeOrg org) throws Exception {
        org.userTypes().addDefault();
        okta.registerServiceApp(ServiceApp.builder(CLIENT).key("kid-1", KEY.publicKey())
                .grant(input.requiredScopes().toArray(String[]::new)).grant("okta.users.read").build());

        assertThat(run(okta, input, input.requiredScopes()).keys(input.name())).hasSize(1);

        for (String scope : input.requiredScopes()) {
            Set<String> without = new java.util.HashSet<>(input.requiredScopes());
            without.remove(scope);
            without.add("okta.users.read");
            assertThatThrownBy(() -> run(okta, input, without))
                    .isInstanceOf(OktaPermissionException.class)
                    .hasMessageContaining("lacks the scope " + scope);
        }
    }
}
