package dev.oktainputs.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRunner;
import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.Secret;
import dev.oktainputs.core.auth.DpopMode;
import dev.oktainputs.core.auth.ServiceAppCredentials;
import dev.oktainputs.core.error.OAuthErrors;
import dev.oktainputs.core.error.OktaAuthenticationException;
import dev.oktainputs.core.error.OktaConfigurationException;
import dev.oktainputs.core.error.OktaException;
import dev.oktainputs.core.error.OktaPermissionException;
import dev.oktainputs.core.error.OktaTransportException;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.state.InMemoryCheckpointStore;
import dev.oktainputs.testkit.FakeOkta;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.RecordingSink;
import dev.oktainputs.testkit.ServiceApp;
import dev.oktainputs.testkit.TestKeyPair;
import dev.oktainputs.testkit.VirtualClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Each way a service app is commonly misconfigured, and the one message it produces. */
@FakeOkta(users = 30, seed = 5)
class ServiceAppMisconfigurationTest {

    static final String CLIENT = ServiceAppAuthTest.CLIENT;
    static final TestKeyPair KEY = ServiceAppAuthTest.KEY;
    static final TestKeyPair OTHER_KEY = TestKeyPair.rsa(2048, "kid-1");

    private static ServiceApp.Builder app() {
        return ServiceApp.builder(CLIENT).key("kid-1", KEY.publicKey()).grant("okta.users.read");
    }

    private static ServiceAppCredentials.Builder credentials() {
        return ServiceAppCredentials.builder().clientId(CLIENT).keyId("kid-1").privateKey(Secret.of(KEY.pkcs8Pem()))
                .scopes(Set.of("okta.users.read"));
    }

    /** Runs the users input against the fake and returns what it failed with. */
    private static <T extends OktaException> T failure(Class<T> type, FakeOktaServer okta,
                                                        ServiceAppCredentials.Builder credentials) {
        return failure(type, () -> okta.clientBuilder(credentials.build()));
    }

    /** Runs the users input with the client {@code client} builds and returns what it failed with. */
    private static <T extends OktaException> T failure(Class<T> type, Supplier<OktaClient.Builder> client) {
        T e = catchThrowableOfType(type, () -> {
            try (OktaClient c = client.get().random(() -> 0.5).build()) {
                UsersInput users = new UsersInput();
                InputRunner.runOnce(users, InputContext.withDefaults(c, users), new RecordingSink(),
                        new InMemoryCheckpointStore());
            }
        });
        assertThat(e).as("expected " + type.getSimpleName()).isNotNull();
        assertThat(e.isRetriable()).isEqualTo(e instanceof OktaTransportException);
        return e;
    }

    private static OktaConfigurationException badKey(String privateKey) {
        OktaConfigurationException e = catchThrowableOfType(OktaConfigurationException.class,
                () -> credentials().privateKey(Secret.of(privateKey)).build());
        assertThat(e).isNotNull();
        assertThat(e.problems()).hasSize(1);
        assertThat(e.problems().get(0)).startsWith("private_key: ");
        return e;
    }

    @Test
    void unknownClientIdIsNamedWithWhereToCopyItFrom(FakeOktaServer okta) {
        okta.registerServiceApp(app().build());
        OktaAuthenticationException e = failure(OktaAuthenticationException.class, okta,
                credentials().clientId("0oaNoSuchClient"));
        assertThat(e.getMessage()).startsWith("Okta does not know client_id '0oaNoSuchClient' in " + okta.orgUrl())
                .contains("401 invalid_client: Invalid value for 'client_id' parameter.")
                .contains("copy the Client ID from the General tab");
        assertThat(e.errorCode()).isEqualTo("invalid_client");
        assertThat(e.status()).isEqualTo(401);
    }

    @Test
    void wrongKeyIdIsNamedWithWhereToFindTheRightOne(FakeOktaServer okta) {
        okta.registerServiceApp(app().build());
        OktaAuthenticationException e = failure(OktaAuthenticationException.class, okta, credentials().keyId("kid-old"));
        assertThat(e.getMessage()).startsWith("Okta does not know key_id 'kid-old' for the service app '" + CLIENT + "'")
                .contains("The client_assertion JWT kid is invalid.").contains("PUBLIC KEYS on the app's General tab");
    }

    @Test
    void aKeyThatDoesNotMatchTheAppsPublicKeyIsNamed(FakeOktaServer okta) {
        okta.registerServiceApp(app().build());
        OktaAuthenticationException e = failure(OktaAuthenticationException.class, okta,
                credentials().privateKey(Secret.of(OTHER_KEY.pkcs1Pem())));
        assertThat(e.getMessage()).startsWith("The private_key does not match the public key Okta has under key id 'kid-1'")
                .contains("The client_assertion signature is invalid.");
    }

    @Test
    void aScopeNotGrantedIsNamedWithTheOktaApiScopesTab(FakeOktaServer okta) {
        okta.registerServiceApp(ServiceApp.builder(CLIENT).key("kid-1", KEY.publicKey()).grant("okta.groups.read").build());
        OktaPermissionException e = failure(OktaPermissionException.class, okta, credentials());
        assertThat(e.getMessage()).startsWith("Okta did not grant the scope okta.users.read to the service app '" + CLIENT + "'")
                .contains("'Okta API Scopes' tab and Grant okta.users.read");
        assertThat(e.errorCode()).isEqualTo("invalid_scope");
    }

    @Test
    void aTokenWithoutTheScopeAResourceNeedsNamesTheScope(FakeOktaServer okta) {
        okta.registerServiceApp(app().grant("okta.groups.read").build());
        // credentials of another input (groups) used for users: the token is fine but lacks okta.users.read
        OktaPermissionException e = failure(OktaPermissionException.class, okta,
                ServiceAppCredentials.builder().clientId(CLIENT).keyId("kid-1").privateKey(Secret.of(KEY.pkcs8Pem()))
                        .scopes(Set.of("okta.groups.read")));
        assertThat(e.getMessage()).startsWith("The service app's access token lacks the scope okta.users.read for GET /api/v1/users")
                .contains("'Okta API Scopes' tab");
        assertThat(e.status()).isEqualTo(403);
    }

    /**
     * The enabled inputs ask for okta.users.read and okta.logs.read, the app is granted only the first: the token is asked
     * for again without the refused scope, the users run, and only a System Log request fails, naming the scope.
     */
    @Test
    void aScopeNotGrantedFailsOnlyTheRequestsThatNeedIt(FakeOktaServer okta) throws Exception {
        okta.registerServiceApp(app().build());
        ServiceAppCredentials both = credentials().scopes(Set.of("okta.users.read", "okta.logs.read")).build();
        try (OktaClient c = okta.clientBuilder(both).random(() -> 0.5).build()) {
            UsersInput users = new UsersInput();
            RecordingSink sink = new RecordingSink();
            InputRunner.runOnce(users, InputContext.withDefaults(c, users), sink, new InMemoryCheckpointStore());
            assertThat(sink.keys("users")).hasSize(30);
            OktaPermissionException logs = catchThrowableOfType(OktaPermissionException.class, () -> {
                try (dev.oktainputs.core.http.PageCursor cursor = new dev.oktainputs.core.http.PageCursor(c,
                        dev.oktainputs.core.http.PageRequest.array(c.orgUrl().resolve("/api/v1/logs?limit=10"), "okta.logs.read"))) {
                    cursor.fetch();
                }
            });
            assertThat(logs).isNotNull();
            assertThat(logs.getMessage()).contains("okta.logs.read").contains("'Okta API Scopes' tab");
        }
        assertThat(okta.requests()).filteredOn(r -> r.path().equals("/oauth2/v1/token"))
                .extracting(r -> r.body().contains("okta.logs.read")).containsExactly(true, false);
    }

    @Test
    void aServiceAppWithoutAnAdminRoleGets403WithTheFix(FakeOktaServer okta) {
        okta.registerServiceApp(app().adminRole(false).build());
        OktaPermissionException e = failure(OktaPermissionException.class, okta, credentials());
        assertThat(e.getMessage()).startsWith("The service app has no admin role that allows GET /api/v1/users (403 E0000006")
                .contains("'Admin roles' tab").contains("Read-Only Administrator");
        assertThat(e.errorCode()).isEqualTo("E0000006");
    }

    @Test
    void dpopOffAgainstAnAppThatRequiresDpopSaysHowToFixTheApp(FakeOktaServer okta) {
        okta.registerServiceApp(app().requireDpop(true).build());
        OktaAuthenticationException e = failure(OktaAuthenticationException.class, okta, credentials().dpop(DpopMode.OFF));
        assertThat(e.getMessage()).isEqualTo("This service app requires DPoP. Either turn off 'Require Demonstrating Proof of"
                + " Possession (DPoP) header in token requests' on the app's General tab in Okta, or set dpop to auto.");
        assertThat(e.getMessage()).isEqualTo(OAuthErrors.DPOP_REQUIRED_BUT_OFF);
        assertThat(e.errorCode()).isEqualTo("invalid_dpop_proof");
        assertThat(okta.requests()).hasSize(1);   // no retry, no proof
    }

    @Test
    void anUnreachableTokenEndpointIsRetriableAndNamed(VirtualClock clock) throws Exception {
        // A port held by a socket that is bound but never listens: every connection is refused, and no other server can
        // take the port meanwhile (a port just closed could be bound again by any test running on the machine).
        try (Socket holder = new Socket()) {
            holder.setReuseAddress(false);
            holder.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            String orgUrl = "http://127.0.0.1:" + holder.getLocalPort();
            OktaTransportException e = failure(OktaTransportException.class,   // no fake there: built by hand
                    () -> OktaClient.builder(OrgUrl.parse(orgUrl), credentials().build()).time(clock, clock));
            assertThat(e.getMessage()).startsWith("Could not reach Okta's token endpoint " + orgUrl + "/oauth2/v1/token")
                    .contains("service app '" + CLIENT + "'").contains("Fix: check org_url and the network path");
        }
        assertThat(clock.sleeps()).hasSize(5);   // retried with back-off, on virtual time
    }

    @Test
    void malformedPemIsRefusedWithoutQuotingIt() {
        String pem = KEY.pkcs8Pem();
        String cut = pem.substring(0, pem.length() / 2) + "\n-----END PRIVATE KEY-----\n";
        OktaConfigurationException e = badKey(cut);
        assertThat(e.getMessage()).contains("private_key: is not").contains("-----BEGIN PRIVATE KEY-----");
        assertThat(e.getMessage()).doesNotContain(pem.split("\n")[1]);
    }

    @Test
    void malformedJwkIsRefusedWithoutQuotingIt() {
        String jwk = KEY.jwk();
        OktaConfigurationException cut = badKey(jwk.substring(0, jwk.length() / 2));
        assertThat(cut.getMessage()).contains("private_key: looks like JSON but is not a valid JWK");
        assertThat(cut.getMessage()).doesNotContain(jwk.substring(20, 60));
        String otherModulus = OTHER_KEY.jwk().replaceAll(".*\"n\":\"([^\"]+)\".*", "$1");
        String mixed = jwk.replaceAll("\"n\":\"[^\"]+\"", "\"n\":\"" + otherModulus + "\"");
        assertThat(badKey(mixed).getMessage()).contains("private_key: is an RSA private key whose parts do not belong together");
    }

    @Test
    void publicKeyInsteadOfPrivateKeyIsRefused() {
        assertThat(badKey(KEY.publicJwk()).getMessage()).contains("private_key: is a public JWK");
    }

    @Test
    void nonRsaKeysAreRefusedInEachFormat() {
        TestKeyPair ec = TestKeyPair.ec("ec-1");
        assertThat(badKey(ec.pkcs8Pem()).getMessage()).contains("private_key: is an EC key;").contains("RS256");
        assertThat(badKey(ec.jwk()).getMessage()).contains("private_key: is an EC key;");
    }

    @Test
    void keysShorterThan2048BitsAreRefused() {
        TestKeyPair small = TestKeyPair.rsa(1024, "small");
        assertThat(badKey(small.pkcs1Pem()).getMessage()).contains("private_key: the RSA key has 1024 bits;")
                .contains("at least 2048");
        assertThat(badKey(small.jwk()).getMessage()).contains("1024 bits");
    }

    @Test
    void everyMissingSettingIsListedAtOnce() {
        OktaConfigurationException e = catchThrowableOfType(OktaConfigurationException.class,
                () -> ServiceAppCredentials.builder().privateKey(Secret.of(KEY.pkcs8Pem())).build());
        assertThat(e.problems()).hasSize(3);
        assertThat(e.problems().get(0)).startsWith("client_id: missing.");
        assertThat(e.problems().get(1)).startsWith("scopes: none.");
        assertThat(e.problems().get(2)).startsWith("key_id: missing.").contains("Key ID (kid)");
    }
}
