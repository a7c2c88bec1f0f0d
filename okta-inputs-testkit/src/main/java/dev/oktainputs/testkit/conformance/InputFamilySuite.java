package dev.oktainputs.testkit.conformance;

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
import dev.oktainputs.testkit.FakeOkta;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.RecordingSink;
import dev.oktainputs.testkit.ServiceApp;
import dev.oktainputs.testkit.TestKeyPair;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every input family passes: its members are the expected ones on the default schedule, and for each member the
 * OAuth scopes it declares are the ones Okta (the fake) asks for on its endpoints, so a service app granted exactly the
 * declared scopes runs it, and one lacking any one of them is told which. Extend it in the family's module:
 *
 * <pre>{@code
 * class SchemasFamilyTest extends InputFamilySuite {
 *     protected String family() { return "schemas"; }
 *     protected List<String> expectedMembers() { return List.of("user_schemas", "user_types"); }
 *     protected void fill(FakeOrg org) { org.userTypes().addDefault(); }
 * }
 * }</pre>
 *
 * <p>Each test gets a fresh fake org of 3 users (seed 9; a subclass may put its own {@link FakeOkta} on itself). The
 * class runs with one instance per class so the members can be listed from {@link #family()}.
 */
@FakeOkta(users = 3, seed = 9)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class InputFamilySuite {

    private static final String KEY_ID = "kid-1";
    private static final String OTHER_SCOPE = "okta.users.read";
    private static final TestKeyPair KEY = TestKeyPair.rsa(2048, KEY_ID);

    /** @return the family name, e.g. {@code org_settings} */
    protected abstract String family();

    /**
     * @return the names of the family's inputs in the order the family lists them: the input named like the family
     *         first, then by name
     */
    protected abstract List<String> expectedMembers();

    /**
     * Hook: before a member runs, gives the org exactly one record for each member's stream.
     *
     * @param org the fresh fake org
     */
    protected abstract void fill(FakeOrg org);

    /**
     * The family's inputs, as discovered.
     *
     * @return the members, in the family's order
     */
    protected final List<OktaInput> members() {
        return InputFamilies.discover().members(family());
    }

    @Test
    void theFamilyHasTheExpectedMembersOnTheDefaultSchedule() {
        assertThat(InputFamilies.discover().inputNames(family())).containsExactlyElementsOf(expectedMembers());
        assertThat(members()).allSatisfy(i -> assertThat(i.defaultSchedule()).isEqualTo(OktaInput.DEFAULT_SCHEDULE));
    }

    @ParameterizedTest
    @MethodSource("members")
    void aServiceAppGrantedTheDeclaredScopesRunsItAndOneWithoutIsToldWhichScope(OktaInput input, FakeOktaServer okta,
                                                                               FakeOrg org) throws Exception {
        fill(org);
        okta.registerServiceApp(ServiceApp.builder(clientId()).key(KEY_ID, KEY.publicKey())
                .grant(input.requiredScopes().toArray(String[]::new)).grant(OTHER_SCOPE).build());

        assertThat(run(okta, input, input.requiredScopes()).keys(input.name())).hasSize(1);

        assertThat(input.requiredScopes()).isNotEmpty();
        for (String scope : input.requiredScopes()) {
            Set<String> without = new HashSet<>(input.requiredScopes());
            without.remove(scope);
            without.add(OTHER_SCOPE);
            assertThatThrownBy(() -> run(okta, input, without))
                    .isInstanceOf(OktaPermissionException.class)
                    .hasMessageContaining("lacks the scope " + scope);
        }
    }

    private String clientId() {
        return "0oa" + family().replace("_", "");
    }

    private RecordingSink run(FakeOktaServer okta, OktaInput input, Set<String> scopes) throws Exception {
        ServiceAppCredentials credentials = ServiceAppCredentials.builder().clientId(clientId()).keyId(KEY_ID)
                .privateKey(Secret.of(KEY.pkcs8Pem())).scopes(scopes).build();
        RecordingSink sink = new RecordingSink();
        try (OktaClient client = okta.clientBuilder(credentials).build()) {
            InputRunner.runOnce(input, InputContext.withDefaults(client, input), sink, new InMemoryCheckpointStore());
        }
        return sink;
    }
}
