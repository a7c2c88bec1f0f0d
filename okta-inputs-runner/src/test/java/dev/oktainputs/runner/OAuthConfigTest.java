package dev.oktainputs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.testkit.FakeOkta;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.RecordedOktaRequest;
import java.time.Clock;
import java.util.regex.Pattern;
import dev.oktainputs.testkit.ServiceApp;
import dev.oktainputs.testkit.TestKeyPair;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's auth.client_id / key_id / private_key_file reach core's service-app credentials. */
@FakeOkta(users = 10)
class OAuthConfigTest {

    @TempDir
    Path dir;

    @Test
    void aKeyFileThatIsNotAKeyIsExitTwoNamingTheField(FakeOktaServer okta) throws Exception {
        Path key = Cli.write(dir, "key.pem", "-----BEGIN PRIVATE KEY-----\nnot base64 at all\n-----END PRIVATE KEY-----\n");
        Path config = Cli.write(dir, "okta.yaml", "org_url: " + okta.orgUrl() + "\nauth:\n  client_id: 0oa1\n  key_id: kid1\n"
                + "  private_key_file: " + key + "\ninputs:\n  users: {}\nstate_dir: ./state\n");
        Cli.Result r = Cli.run(Map.of(), "run", "--once", "--config", config.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("error: auth.private_key_file:").doesNotContain("not base64 at all").doesNotContain("\tat ");
    }

    private static final TestKeyPair KEY = TestKeyPair.rsa(2048, "kid-7");

    /** The CLI signs assertions on the system clock, so the fake checks them on it too (nothing waits for time). */
    private static FakeOktaServer systemClockOrg() {
        return FakeOktaServer.start(FakeOrg.builder().seed(5).users(10).clock(Clock.systemUTC()).build());
    }

    private Cli.Result runUsers(FakeOktaServer okta, String keyFile, String keyContent, String keyIdLine) throws Exception {
        return runUsers(okta, keyFile, keyContent, keyIdLine, "");
    }

    private Cli.Result runUsers(FakeOktaServer okta, String keyFile, String keyContent, String keyIdLine, String more)
            throws Exception {
        Path key = Cli.write(dir, keyFile, keyContent);
        Path config = Cli.write(dir, "okta.yaml", "org_url: " + okta.orgUrl() + "\nauth:\n  client_id: 0oajwk\n" + keyIdLine
                + "  private_key_file: " + key + "\n  dpop: off\ninputs:\n  users: {}\nstate_dir: " + dir.resolve("state")
                + "\nsink:\n  path: " + dir.resolve("out") + "\n" + more);
        return Cli.run(Map.of(), "run", "--once", "--config", config.toString());
    }

    @Test
    void aJwkWithItsKidNeedsNoKeyId() throws Exception {
        try (FakeOktaServer okta = systemClockOrg()) {
        okta.registerServiceApp(ServiceApp.builder("0oajwk").key("kid-7", KEY.publicKey()).grant("okta.users.read").build());
        Cli.Result r = runUsers(okta, "key.json", KEY.jwk(), "", "http:\n  user_agent_suffix: acme-etl/2.3\n");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("warning");
        assertThat(okta.issuedTokens()).isNotEmpty().allSatisfy(t -> assertThat(t.clientId()).isEqualTo("0oajwk"));
        // token and resource calls alike name this library, OkHttp and Java, then the configured suffix
        assertThat(okta.requests()).extracting(RecordedOktaRequest::path).contains("/oauth2/v1/token", "/api/v1/users");
        assertThat(okta.requests()).allSatisfy(q -> assertThat(q.header("User-Agent")).matches(
                "okta-inputs/\\d+\\.\\d+\\.\\d+(-SNAPSHOT)? okhttp/" + Pattern.quote(okhttp3.OkHttp.VERSION)
                        + " java/" + Pattern.quote(System.getProperty("java.version")) + " acme-etl/2\\.3"));
        }
    }

    @Test
    void aKeyIdThatDiffersFromTheJwksKidWinsWithAWarning() throws Exception {
        try (FakeOktaServer okta = systemClockOrg()) {
        // Okta knows the public key under the configured id: only an assertion signed with kid "kid-okta" is accepted.
        okta.registerServiceApp(ServiceApp.builder("0oajwk").key("kid-okta", KEY.publicKey()).grant("okta.users.read").build());
        Cli.Result r = runUsers(okta, "key.json", KEY.jwk(), "  key_id: kid-okta\n");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("warning: auth.key_id: 'kid-okta' differs from the kid 'kid-7' of the JWK private key;"
                + " the configured one is used. Fix:");
        String privateExponent = KEY.jwk().replaceAll(".*\"d\":\"([^\"]+)\".*", "$1");
        assertThat(r.err()).doesNotContain(privateExponent).doesNotContain("\tat ");
        assertThat(okta.issuedTokens()).isNotEmpty();
        }
    }

    @Test
    void aPemKeyStillNeedsAKeyId() throws Exception {
        try (FakeOktaServer okta = systemClockOrg()) {
        okta.registerServiceApp(ServiceApp.builder("0oajwk").key("kid-7", KEY.publicKey()).grant("okta.users.read").build());
        Cli.Result r = runUsers(okta, "key.pem", KEY.pkcs8Pem(), "");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("error: auth.key_id: missing. Fix:").doesNotContain("PRIVATE KEY").doesNotContain("\tat ");
        assertThat(okta.issuedTokens()).isEmpty();
        }
    }
}
