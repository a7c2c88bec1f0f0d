package dev.oktainputs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.testkit.FakeOktaExtension;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.ServiceApp;
import dev.oktainputs.testkit.TestKeyPair;
import dev.oktainputs.testkit.VirtualClock;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** okta.oauth.key.id is optional for a JWK private key that carries its kid; when given, it wins. */
class OAuthKeyIdTaskTest {

    @RegisterExtension
    static FakeOktaExtension okta = FakeOktaExtension.builder().users(120).seed(9).build();

    private static final TestKeyPair KEY = TestKeyPair.rsa(2048, "kid-7");

    @TempDir
    Path state;

    private Map<String, String> config(FakeOktaServer server, Map<String, String> auth) {
        Map<String, String> c = new HashMap<>();
        c.put("name", "okta-jwk");
        c.put(OktaConnectorConfig.ORG_URL, server.orgUrl());
        c.put(OktaConnectorConfig.INPUTS, "users");
        c.put(OktaConnectorConfig.STATE_DIR, state.toString());
        c.put(OktaConnectorConfig.STATE_BOOTSTRAP, "kafka.invalid:9092"); // the state topic is a MemoryStateLog
        c.put(OktaConnectorConfig.CLIENT_ID, "0oajwk");
        c.put(OktaConnectorConfig.PRIVATE_KEY, KEY.jwk());
        c.put(OktaConnectorConfig.DPOP, "off");
        c.putAll(auth);
        return c;
    }

    private void readsAllUsers(FakeOktaServer server, FakeOrg org, VirtualClock clock, Map<String, String> auth) {
        TaskHarness worker = new TaskHarness(config(server, auth));
        OktaSourceTask task = worker.start(new OktaSourceTask(clock, clock, c -> new MemoryStateLog()));
        worker.drain(task, 2);
        task.stop();
        assertThat(worker.sent("okta.users")).hasSize(org.userCount());
        assertThat(server.issuedTokens()).isNotEmpty().allSatisfy(t -> assertThat(t.clientId()).isEqualTo("0oajwk"));
    }

    @Test
    void aJwkWithItsKidNeedsNoKeyId(FakeOktaServer server, FakeOrg org, VirtualClock clock) {
        server.registerServiceApp(ServiceApp.builder("0oajwk").key("kid-7", KEY.publicKey()).grant("okta.users.read").build());
        readsAllUsers(server, org, clock, Map.of());
        assertThat(OktaConnectorConfig.connectionSettings(config(server, Map.of())).warnings()).isEmpty();
    }

    @Test
    void aConfiguredKeyIdWinsOverTheJwksKid(FakeOktaServer server, FakeOrg org, VirtualClock clock) {
        // Okta knows the key under the configured id only: the assertion must carry it
        server.registerServiceApp(ServiceApp.builder("0oajwk").key("kid-okta", KEY.publicKey()).grant("okta.users.read").build());
        Map<String, String> keyId = Map.of(OktaConnectorConfig.KEY_ID, "kid-okta");
        readsAllUsers(server, org, clock, keyId);
        assertThat(OktaConnectorConfig.connectionSettings(config(server, keyId)).warnings()).singleElement()
                .satisfies(w -> assertThat(w).startsWith("key_id: 'kid-okta' differs from the kid 'kid-7'"));
    }
}
