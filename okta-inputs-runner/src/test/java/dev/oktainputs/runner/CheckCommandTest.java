package dev.oktainputs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.testkit.FakeOkta;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.ServiceApp;
import dev.oktainputs.testkit.TestKeyPair;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@FakeOkta(users = 20)
class CheckCommandTest {

    @TempDir
    Path dir;

    private Path config(FakeOktaServer okta) throws Exception {
        return Cli.write(dir, "okta.yaml", "org_url: " + okta.orgUrl() + "\nauth:\n  api_key: ${OKTA_API_KEY}\n"
                + "inputs:\n  users: {}\n  system_log: {}\n  groups: {}\n  apps: {}\n  roles: {}\n  api_tokens: {}\nstate_dir: ./state\n");
    }

    @Test
    void reportsEachInputOkWithGoodCredentials(FakeOktaServer okta) throws Exception {
        Cli.Result r = Cli.run(Map.of("OKTA_API_KEY", okta.apiToken()), "check", "--config", config(okta).toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("OK  users").contains("OK  system_log").contains("OK  group_members")
                .contains("OK  app_users").contains("OK  role_assignments").contains("OK  custom_roles").contains("OK  api_tokens")
                .doesNotContain("NOT_CHECKED").doesNotContain("FAILED");
    }

    @Test
    void deniedPermissionIsExitTwoNamingTheInput(FakeOktaServer okta) throws Exception {
        okta.denyPermission("/api/v1/logs");
        Cli.Result r = Cli.run(Map.of("OKTA_API_KEY", okta.apiToken()), "check", "--config", config(okta).toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).contains("OK  users").contains("FAILED  system_log").contains("E0000006");
        assertThat(r.out() + r.err()).doesNotContain(okta.apiToken());
    }

    @Test
    void aFeatureTheOrgLacksIsUnavailableNotAFailure(FakeOktaServer okta, FakeOrg org) throws Exception {
        org.devices().withoutFeature(401);
        org.authorizationServers().withoutFeature(404);
        Path config = Cli.write(dir, "okta.yaml", "org_url: " + okta.orgUrl() + "\nauth:\n  api_key: ${OKTA_API_KEY}\n"
                + "inputs:\n  users: {}\n  devices: {}\n  device_users: {}\n  org_settings: {}\nstate_dir: ./state\n");
        Cli.Result r = Cli.run(Map.of("OKTA_API_KEY", okta.apiToken()), "check", "--config", config.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("OK  users").contains("UNAVAILABLE  devices").contains("UNAVAILABLE  device_users")
                .contains("UNAVAILABLE  authorization_servers").contains("OK  network_zones").contains("E0000015")
                .contains("will run empty with one warning").doesNotContain("FAILED");

        okta.denyPermission("/api/v1/devices"); // a missing scope or role is still a failure
        org.devices().withoutFeature(0);
        r = Cli.run(Map.of("OKTA_API_KEY", okta.apiToken()), "check", "--config", config.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).contains("FAILED  devices").contains("E0000006");
    }

    private Path oauthConfig(FakeOktaServer okta, String keyContent, String dpop) throws Exception {
        Path key = Cli.write(dir, "key.pem", keyContent);
        return Cli.write(dir, "okta.yaml", "org_url: " + okta.orgUrl() + "\nauth:\n  client_id: 0oacheck\n  key_id: kid-1\n"
                + "  private_key_file: " + key + "\n  dpop: " + dpop + "\ninputs:\n  users: {}\nstate_dir: " + dir.resolve("state") + "\n");
    }

    @Test
    void aKeyFileThatIsNotAKeyIsNamedAsTheYamlFileNamesIt(FakeOktaServer okta) throws Exception {
        Path config = oauthConfig(okta, "-----BEGIN PRIVATE KEY-----\nnot base64 at all\n-----END PRIVATE KEY-----\n", "auto");
        Cli.Result r = Cli.run(Map.of(), "check", "--config", config.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("error: auth.private_key_file: ").doesNotContain("error: private_key:")
                .doesNotContain("not base64 at all");
        assertThat(okta.requestCount()).isZero();
    }

    @Test
    void aFailedInputsFixNamesTheYamlKey() throws Exception {
        TestKeyPair key = TestKeyPair.rsa(2048, "kid-1");
        // the CLI signs assertions on the system clock, so the fake checks them on it too (nothing waits for time)
        try (FakeOktaServer okta = FakeOktaServer.start(FakeOrg.builder().seed(5).users(3).clock(Clock.systemUTC()).build())) {
            okta.registerServiceApp(ServiceApp.builder("0oacheck").key("kid-1", key.publicKey()).grant("okta.users.read")
                    .requireDpop(true).build());
            Cli.Result r = Cli.run(Map.of(), "check", "--config", oauthConfig(okta, key.pkcs8Pem(), "off").toString());
            assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
            assertThat(r.out()).contains("FAILED  users").contains("This service app requires DPoP.")
                    .contains("or set auth.dpop to auto.").doesNotContain("set dpop to");
        }
    }
}
