package dev.oktainputs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.testkit.FakeOkta;
import dev.oktainputs.testkit.FakeOktaServer;
import java.nio.file.Path;
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
}
