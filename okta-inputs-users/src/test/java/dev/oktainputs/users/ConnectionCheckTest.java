package dev.oktainputs.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRun;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.Secret;
import dev.oktainputs.core.auth.ConnectionSettings;
import dev.oktainputs.core.check.ConnectionCheck;
import dev.oktainputs.core.check.ConnectionCheck.InputCheck;
import dev.oktainputs.core.check.ConnectionCheck.Status;
import dev.oktainputs.core.config.FieldProblem;
import dev.oktainputs.core.error.OktaAuthenticationException;
import dev.oktainputs.core.error.OktaPermissionException;
import dev.oktainputs.testkit.FakeOkta;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.ServiceApp;
import dev.oktainputs.testkit.TestKeyPair;
import dev.oktainputs.testkit.VirtualClock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@FakeOkta(users = 10, seed = 9)
class ConnectionCheckTest {

    static final String CLIENT = ServiceAppAuthTest.CLIENT;
    static final TestKeyPair KEY = ServiceAppAuthTest.KEY;

    /** An input that only declares scopes and a probe, standing in for inputs of other modules. */
    record ProbeOnlyInput(String name, Set<String> requiredScopes, String probePath) implements OktaInput {
        @Override
        public InputRun open(InputContext context, Checkpoint checkpoint) {
            throw new UnsupportedOperationException("probe only");
        }
    }

    static final OktaInput SYSTEM_LOG = new ProbeOnlyInput("system_log", Set.of("okta.logs.read"), "/api/v1/logs?limit=1");
    static final OktaInput NO_PROBE = new ProbeOnlyInput("legacy", Set.of("okta.users.read"), null);

    private static ConnectionSettings.Builder serviceApp(FakeOktaServer okta) {
        return ConnectionSettings.builder().orgUrl(okta.orgUrl()).clientId(CLIENT).keyId("kid-1")
                .privateKey(Secret.of(KEY.pkcs8Pem()));
    }

    private static ConnectionCheck check(ConnectionSettings settings, VirtualClock clock) {
        return ConnectionCheck.of(settings).client(b -> b.time(clock, clock).random(() -> 0.5));
    }

    private static List<String> fields(ConnectionCheck.Result result) {
        return result.problems().stream().map(FieldProblem::field).toList();
    }

    @Test
    void everyStaticProblemIsReportedAtOnceByFieldAndNothingIsCalled(FakeOktaServer okta, VirtualClock clock) {
        String cutKey = KEY.pkcs8Pem().substring(0, 300) + "\n-----END PRIVATE KEY-----\n";
        ConnectionSettings settings = ConnectionSettings.builder().orgUrl("ftp://acme.okta.com").keyId("kid-1")
                .privateKey(Secret.of(cutKey)).dpop("sometimes").build();
        ConnectionCheck.Result result = check(settings, clock)
                .input(new UsersInput(), Map.of("page_size", 500, "colour", "blue")).run();

        assertThat(fields(result).subList(0, 4)).containsExactly("org_url", "dpop", "client_id", "private_key");
        assertThat(fields(result).subList(4, 6)).containsExactlyInAnyOrder("inputs.users.page_size", "inputs.users.colour");
        assertThat(result.problems().get(1).message()).contains("'sometimes' is not a DPoP mode").contains("auto");
        assertThat(result.problems().get(3).message()).doesNotContain(cutKey.substring(40, 100));
        assertThat(result.inputs()).singleElement().satisfies(i -> assertThat(i.status()).isEqualTo(Status.NOT_CHECKED));
        assertThat(result.ok()).isFalse();
        assertThat(result.toString()).startsWith("check FAILED").contains("\n  org_url: ", "\n  users: NOT_CHECKED");
        assertThat(okta.requestCount()).isZero();
    }

    @Test
    void credentialsMustBeExactlyOneKind(FakeOktaServer okta, VirtualClock clock) {
        ConnectionCheck.Result none = check(ConnectionSettings.builder().orgUrl(okta.orgUrl()).build(), clock).run();
        assertThat(none.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("api_token");
            assertThat(p.message()).startsWith("no credentials.").contains("client_id, key_id and private_key");
        });
        ConnectionCheck.Result both = check(serviceApp(okta).apiToken(Secret.of(okta.apiToken())).build(), clock).run();
        assertThat(both.problems()).singleElement().satisfies(p -> assertThat(p.message()).startsWith("set together with"));
        ConnectionCheck.Result pemWithoutKid = check(serviceApp(okta).keyId(null).build(), clock).run();
        assertThat(fields(pemWithoutKid)).containsExactly("key_id");
    }

    @Test
    void eachInputIsProbedAndAMissingScopeFailsOnlyTheInputThatNeedsIt(FakeOktaServer okta, VirtualClock clock) {
        okta.registerServiceApp(ServiceApp.builder(CLIENT).key("kid-1", KEY.publicKey()).grant("okta.users.read")
                .requireDpop(true).build());
        ConnectionCheck.Result result = check(serviceApp(okta).build(), clock)
                .input(new UsersInput(), Map.of()).input(SYSTEM_LOG, Map.of()).input(NO_PROBE, Map.of()).run();

        assertThat(result.problems()).isEmpty();
        assertThat(result.inputs()).extracting(InputCheck::input, InputCheck::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("users", Status.OK),
                org.assertj.core.groups.Tuple.tuple("system_log", Status.FAILED),
                org.assertj.core.groups.Tuple.tuple("legacy", Status.NOT_CHECKED));
        InputCheck users = result.inputs().get(0);
        assertThat(users.probe()).isEqualTo("/api/v1/users?limit=1");
        assertThat(users.message()).startsWith("GET /api/v1/users?limit=1 answered 200 with the OAuth service app");
        InputCheck logs = result.inputs().get(1);
        assertThat(logs.error()).isInstanceOf(OktaPermissionException.class);
        assertThat(logs.message()).startsWith("Okta did not grant the scope okta.logs.read")
                .contains("'Okta API Scopes' tab and Grant okta.logs.read");
        assertThat(result.inputs().get(2).message()).contains("declares no probe");
        assertThat(result.ok()).isFalse();
        assertThat(okta.requests()).filteredOn(r -> r.path().startsWith("/api/")).hasSize(1);
    }

    @Test
    void aServiceAppWithoutAdminRoleAndABadApiTokenAreReportedPerInput(FakeOktaServer okta, VirtualClock clock) {
        okta.registerServiceApp(ServiceApp.builder(CLIENT).key("kid-1", KEY.publicKey()).grant("okta.users.read")
                .adminRole(false).build());
        InputCheck noRole = check(serviceApp(okta).build(), clock).input(new UsersInput(), Map.of()).run().inputs().get(0);
        assertThat(noRole.status()).isEqualTo(Status.FAILED);
        assertThat(noRole.message()).startsWith("The service app has no admin role that allows GET /api/v1/users");

        ConnectionCheck.Result badToken = check(ConnectionSettings.builder().orgUrl(okta.orgUrl())
                .apiToken(Secret.of("00notTheRightToken")).build(), clock).input(new UsersInput(), Map.of()).run();
        assertThat(badToken.inputs().get(0).error()).isInstanceOf(OktaAuthenticationException.class);
        assertThat(badToken.inputs().get(0).message()).contains("401 E0000011");

        ConnectionCheck.Result good = check(ConnectionSettings.builder().orgUrl(okta.orgUrl())
                .apiToken(Secret.of(okta.apiToken())).build(), clock).input(new UsersInput(), Map.of("page_size", 20)).run();
        assertThat(good.ok()).isTrue();
        assertThat(good.toString()).startsWith("check OK").contains("users: OK - GET /api/v1/users?limit=1 answered 200 with"
                + " the API token");
    }
}
