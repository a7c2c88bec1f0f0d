package dev.oktainputs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed configurations: exit 2, one line per problem naming the field, no stack trace, no secret echoed. */
class ConfigErrorsTest {

    private static final String TOKEN = "00ConfigTestSecretToken0000000000000000000";
    private static final Map<String, String> ENV = Map.of("OKTA_API_KEY", TOKEN);

    @TempDir
    Path dir;

    static Stream<Arguments> malformed() {
        String auth = "auth:\n  api_key: ${OKTA_API_KEY}\n";
        String users = "inputs:\n  users: { cron: \"*/30 * * * *\" }\n";
        String org = "org_url: https://acme.okta.com\n";
        return Stream.of(
                Arguments.of("missing org_url", auth + users, "org_url: missing"),
                Arguments.of("org_url garbage", "org_url: 'not a url ::'\n" + auth + users, "org_url:"),
                Arguments.of("http to a non-loopback host", "org_url: http://acme.okta.com\n" + auth + users, "org_url: 'http://acme.okta.com' must use https"),
                Arguments.of("org_url with user info", "org_url: https://u:p@acme.okta.com\n" + auth + users, "org_url: must not contain user info"),
                Arguments.of("missing auth", org + users, "auth: missing"),
                Arguments.of("auth not a map", org + "auth: token\n" + users, "auth: must be a map"),
                Arguments.of("both api_key and client_id", org + "auth:\n  api_key: x\n  client_id: 0oa1\n" + users, "auth.api_key: set together with an OAuth service app (auth.client_id, auth.key_id, auth.private_key_file). Fix: keep one"),
                // key_id may be left out (a JWK carries its kid; a PEM without one is refused once read: OAuthConfigTest)
                Arguments.of("client_id without private_key_file", org + "auth:\n  client_id: 0oa1\n  key_id: kid1\n" + users, "auth.private_key_file: missing"),
                Arguments.of("missing key file", org + "auth:\n  client_id: 0oa1\n  key_id: kid1\n  private_key_file: nope.pem\n" + users, "auth.private_key_file: "),
                Arguments.of("bad dpop", org + "auth:\n  api_key: x\n  dpop: maybe\n" + users, "auth.dpop: 'maybe' is not a DPoP mode. Fix: set it to auto"),
                Arguments.of("unset env var", org + "auth:\n  api_key: ${NOT_SET_ANYWHERE}\n" + users, "auth.api_key: environment variable NOT_SET_ANYWHERE is not set"),
                Arguments.of("empty api_key", org + "auth:\n  api_key: ''\n" + users, "auth.api_key: is empty"),
                Arguments.of("typo in auth key", org + "auth:\n  api_kee: x\n" + users, "auth.api_kee: unknown key (did you mean 'api_key'?)"),
                Arguments.of("no inputs", org + auth, "inputs: missing"),
                Arguments.of("inputs not a map", org + auth + "inputs: [users]\n", "inputs: must be a map"),
                Arguments.of("unknown input", org + auth + "inputs:\n  userz: {}\n", "inputs.userz: unknown input (did you mean 'users'?)"),
                Arguments.of("bad cron", org + auth + "inputs:\n  users: { cron: \"every 5 minutes\" }\n", "inputs.users.cron: "),
                Arguments.of("cron out of range", org + auth + "inputs:\n  users: { cron: \"61 * * * *\" }\n", "inputs.users.cron: '61 * * * *' is not a valid cron expression"),
                Arguments.of("unknown input option", org + auth + "inputs:\n  users: { page_sise: 100 }\n", "inputs.users.page_sise: unknown option (did you mean 'page_size'?)"),
                Arguments.of("option out of range", org + auth + "inputs:\n  users: { page_size: 5000 }\n", "inputs.users.page_size: must be between 1 and 200"),
                Arguments.of("negative duration option", org + auth + "inputs:\n  users: { overlap: -5s }\n", "inputs.users.overlap: expected a duration"),
                Arguments.of("wrong option type", org + auth + "inputs:\n  users: { full_sync: sometimes }\n", "inputs.users.full_sync: expected true or false"),
                Arguments.of("unknown top-level key (typo)", org + auth + users + "stat_dir: ./s\n", "stat_dir: unknown key (did you mean 'state_dir'?)"),
                Arguments.of("bad sink type", org + auth + users + "sink:\n  type: kafka\n", "sink.type: must be file, stdout, duckdb or jdbc"),
                Arguments.of("unknown sink key", org + auth + users + "sink:\n  type: file\n  dir: ./x\n", "sink.dir: unknown key"),
                Arguments.of("bad time zone", org + auth + users + "time_zone: Mars/Olympus\n", "time_zone: 'Mars/Olympus' is not a time zone"),
                Arguments.of("http.max_concurrent too high", org + auth + users + "http:\n  max_concurrent: 500\n", "http.max_concurrent: must be between 1 and 75"),
                Arguments.of("http.headroom not a number", org + auth + users + "http:\n  headroom: lots\n", "http.headroom: must be a number from 0 to 0.9"),
                Arguments.of("http.user_agent_suffix not ASCII", org + auth + users + "http:\n  user_agent_suffix: \"acme\\u00e9tl/2\"\n",
                        "http.user_agent_suffix: only printable ASCII is allowed (character 5 is U+00E9). Fix:"),
                Arguments.of("http.prefetch not a boolean", org + auth + users + "http:\n  prefetch: sometimes\n", "http.prefetch: expected true or false"),
                Arguments.of("not YAML", "org_url: [unclosed\n", "--config: "),
                Arguments.of("YAML list at the top", "- a\n- b\n", "--config: the file must be a YAML map"),
                Arguments.of("api_key as a map", org + "auth:\n  api_key: { value: x }\n" + users, "auth.api_key: must be a single value"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void exitsTwoWithOneLineNamingTheField(String name, String yaml, String expected) throws IOException {
        Path config = Cli.write(dir, "okta.yaml", yaml);
        Cli.Result r = Cli.run(ENV, "run", "--once", "--config", config.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("error: " + expected);
        assertThat(r.err().lines()).allSatisfy(l -> assertThat(l).startsWith("error: "));
        assertThat(r.err()).doesNotContain(TOKEN).doesNotContain("\tat ").doesNotContain("Exception in");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void reportsEveryProblemAtOnce() throws IOException {
        Path config = Cli.write(dir, "okta.yaml", "org_url: http://acme.okta.com\nauth:\n  api_key: x\n  dpop: maybe\n"
                + "inputs:\n  users: { cron: \"bad\", page_size: 0 }\nsink:\n  type: kafka\n");
        Cli.Result r = Cli.run(ENV, "run", "--once", "--config", config.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines()).hasSizeGreaterThanOrEqualTo(5)
                .anyMatch(l -> l.startsWith("error: org_url:"))
                .anyMatch(l -> l.startsWith("error: auth.dpop:"))
                .anyMatch(l -> l.startsWith("error: inputs.users.cron:"))
                .anyMatch(l -> l.startsWith("error: inputs.users.page_size:"))
                .anyMatch(l -> l.startsWith("error: sink.type:"));
    }

    @Test
    void missingConfigFileAndUnwritableStateDir() throws IOException {
        Cli.Result r = Cli.run(ENV, "run", "--config", dir.resolve("nope.yaml").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("error: --config: file").contains("does not exist");

        Path blocker = Files.writeString(dir.resolve("blocker"), "a file, not a directory");
        Path config = Cli.write(dir, "okta.yaml", "org_url: https://acme.okta.com\nauth:\n  api_key: ${OKTA_API_KEY}\n"
                + "inputs:\n  users: {}\nstate_dir: " + blocker.resolve("state") + "\n");
        r = Cli.run(ENV, "run", "--once", "--config", config.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("error: state_dir: ").contains("cannot be created or written");
    }

    @Test
    void aSinkPathBelowOrAtAFileIsExitTwoWhenTheConfigIsLoaded() throws IOException {
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file, not a directory");
        for (Path sinkPath : new Path[] {blocker.resolve("out"), blocker.resolve("a/b"), blocker}) {
            Path config = Cli.write(dir, "okta.yaml", "org_url: https://acme.okta.com\nauth:\n  api_key: ${OKTA_API_KEY}\n"
                    + "inputs:\n  users: {}\nstate_dir: " + dir.resolve("state") + "\nsink:\n  path: " + sinkPath + "\n");
            for (String command : new String[] {"run", "check"}) {
                Cli.Result r = command.equals("run") ? Cli.run(ENV, "run", "--once", "--config", config.toString())
                        : Cli.run(ENV, "check", "--config", config.toString());
                assertThat(r.exitCode()).as(command + " " + sinkPath + ": " + r.err()).isEqualTo(2);
                assertThat(r.err()).as(command).contains("error: sink.path: " + sinkPath)
                        .contains(sinkPath.equals(blocker) ? "is a file, not a directory"
                                : "cannot be created: " + blocker + " is a file, not a directory")
                        .contains(". Fix: point sink.path at a directory")
                        .doesNotContain("FileSystemException").doesNotContain("\tat ").doesNotContain(ENV.get("OKTA_API_KEY"));
            }
        }
        assertThat(Files.readString(blocker)).isEqualTo("a file, not a directory");
    }

    @Test
    void unknownCommandLineUsageIsExitTwoToo() {
        Cli.Result r = Cli.run(ENV, "run", "--once");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--config");
    }
}
