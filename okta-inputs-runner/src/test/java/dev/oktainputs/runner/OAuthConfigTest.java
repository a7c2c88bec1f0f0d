package dev.oktainputs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.testkit.FakeOkta;
import dev.oktainputs.testkit.FakeOktaServer;
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
}
