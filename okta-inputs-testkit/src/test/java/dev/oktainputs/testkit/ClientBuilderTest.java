package dev.oktainputs.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.Secret;
import dev.oktainputs.core.auth.ServiceAppCredentials;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.http.Page;
import dev.oktainputs.core.http.PageRequest;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link FakeOktaServer#clientBuilder()}: a client of the fake that needs no further setting. */
class ClientBuilderTest {

    private final VirtualClock clock = VirtualClock.startingAt("2025-01-01T00:00:00Z");

    private FakeOrg org(Clock c) {
        return FakeOrg.builder().seed(3).users(12).clock(c).build();
    }

    private static Page users(OktaClient client) {
        return client.getPage(PageRequest.array(client.orgUrl().resolve("/api/v1/users?limit=5"), "okta.users.read"));
    }

    @Test
    void pointsAtTheServerWithTheOrgsApiTokenAndWaitsOnItsVirtualClock() {
        try (FakeOktaServer server = FakeOktaServer.start(org(clock));
             OktaClient client = server.clientBuilder().build()) {
            server.enqueueFault(Fault.status(503));
            assertThat(client.orgUrl()).isEqualTo(OrgUrl.parse(server.orgUrl()));
            assertThat(client.clock()).isSameAs(clock);
            assertThat(users(client).items()).hasSize(5);
            assertThat(server.requests()).extracting(RecordedOktaRequest::authScheme).containsExactly("SSWS", "SSWS");
            assertThat(clock.sleeps()).hasSize(1);   // the 503's back-off, taken on the virtual clock
        }
    }

    @Test
    void leavesAServerOnARealClockToTheClientsDefaultTime() {
        try (FakeOktaServer server = FakeOktaServer.start(org(Clock.systemUTC()));
             OktaClient client = server.clientBuilder().build()) {
            assertThat(client.clock()).isNotInstanceOf(VirtualClock.class).isEqualTo(Clock.systemUTC());
            assertThat(users(client).items()).hasSize(5);
        }
    }

    @Test
    void reachesAnOktaHostNameThroughTheServersHttpClient() {
        try (FakeOktaServer server = FakeOktaServer.builder(org(clock)).oktaHost("acme.okta.com").start();
             OktaClient client = server.clientBuilder().build()) {
            assertThat(client.orgUrl()).isEqualTo(OrgUrl.parse(server.orgUrl()));
            assertThat(server.orgUrl()).startsWith("https://acme.okta.com:");
            assertThat(users(client).items()).hasSize(5);
        }
    }

    @Test
    void takesOtherCredentialsSuchAsARegisteredServiceAppsAndSettingsCanBeChanged() {
        TestKeyPair key = TestKeyPair.rsa(2048, "kid-1");
        try (FakeOktaServer server = FakeOktaServer.start(org(clock))) {
            server.registerServiceApp(ServiceApp.builder("0oa1clientbuilder").key("kid-1", key.publicKey())
                    .grant("okta.users.read").build());
            ServiceAppCredentials credentials = ServiceAppCredentials.builder().clientId("0oa1clientbuilder").keyId("kid-1")
                    .privateKey(Secret.of(key.pkcs8Pem())).scopes(Set.of("okta.users.read")).build();
            try (OktaClient client = server.clientBuilder(credentials).prefetchPages(false).build()) {
                assertThat(client.prefetchPages()).isFalse();
                assertThat(users(client).items()).hasSize(5);
            }
            assertThat(server.issuedTokens()).hasSize(1);
            assertThat(server.requests()).filteredOn(r -> r.path().equals("/api/v1/users"))
                    .extracting(RecordedOktaRequest::authScheme).containsExactly(server.issuedTokens().get(0).dpop() ? "DPoP" : "Bearer");
        }
    }
}
