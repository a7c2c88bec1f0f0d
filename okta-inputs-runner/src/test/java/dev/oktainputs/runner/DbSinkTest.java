package dev.oktainputs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktainputs.runner.Databases.Db;
import dev.oktainputs.runner.Databases.Kind;
import dev.oktainputs.testkit.DirectoryShape;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database sinks through {@code okta-inputs run --once}, against a real DuckDB file and a real PostgreSQL server:
 * every stream lands in its table as the org has it, edges with their ids as columns, the checkpoints in the same
 * database, and a second run changes nothing that did not change.
 */
class DbSinkTest {

    static final List<String> INPUTS = List.of("users", "groups", "group_members", "apps", "app_users", "app_groups",
            "role_assignments", "custom_roles", "api_tokens", "system_log");

    @TempDir
    Path dir;

    /** A small org on the real clock (the runner's), with a System Log of the last half hour. */
    static FakeOrg org(long seed) {
        FakeOrg org = FakeOrg.builder().seed(seed).users(300).clock(Clock.systemUTC())
                .directory(DirectoryShape.of(12, 20, 6, 15).withAppGroups(2).withAdmins(4).withAdminGroups(2)
                        .withCustomRoles(2).withApiTokens(3))
                .build();
        org.systemLog().generate(600, Duration.ofMinutes(30));
        return org;
    }

    static String config(FakeOktaServer server, Db db) {
        return "org_url: " + server.orgUrl() + "\n"
                + "auth:\n  api_key: ${OKTA_API_KEY}\n"
                + "inputs:\n"
                + "  users: { page_size: 100 }\n"
                + "  groups: { groups_page_size: 5 }\n"
                + "  apps: { page_size: 4 }\n"
                + "  roles: {}\n"
                + "  api_tokens: {}\n"
                + "  system_log: { lookback: PT2H, page_size: 100, detection: true }\n"
                + db.sinkYaml()
                + "state_dir: ./state\n";
    }

    static Map<String, String> env(FakeOktaServer server) {
        return Map.of("OKTA_API_KEY", server.apiToken(), "OKTA_DB_PASSWORD", Databases.PASSWORD);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyStreamLandsInItsTableAsTheOrgHasIt(Kind kind) throws Exception {
        Db db = Databases.create(kind, dir);
        FakeOrg org = org(16);
        try (FakeOktaServer server = FakeOktaServer.builder(org).clock(Clock.systemUTC()).start()) {
            Path config = Cli.write(dir, "okta.yaml", config(server, db));
            Cli.Result r = Cli.run(env(server), "run", "--once", "--config", config.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.err() + r.out()).doesNotContain(Databases.PASSWORD);

            Map<String, Map<String, JsonNode>> truth = OrgTruth.fullSync(server, INPUTS);
            List<String> problems = new ArrayList<>();
            for (String stream : INPUTS) {
                OrgTruth.compare(stream, truth.get(stream), db.table(stream), problems);
            }
            assertThat(problems).isEmpty();
            assertThat(truth.get("users")).hasSize(300);
            assertThat(truth.get("system_log")).hasSize(600);
            assertThat(truth.get("group_members")).hasSizeGreaterThan(100);

            // edges carry their two ids as columns
            assertThat(db.rows("SELECT key, group_id, user_id FROM group_members"))
                    .allSatisfy(row -> assertThat(row.get(0)).isEqualTo(row.get(1) + "/" + row.get(2)));
            assertThat(db.rows("SELECT key, app_id, user_id FROM app_users")).isNotEmpty()
                    .allSatisfy(row -> assertThat(row.get(0)).isEqualTo(row.get(1) + "/" + row.get(2)));
            assertThat(db.rows("SELECT key, assignee_id, role_id FROM role_assignments")).isNotEmpty()
                    .allSatisfy(row -> assertThat(row.get(0)).isEqualTo(row.get(1) + "/" + row.get(2)));
            // ts is the record's timestamp: a user's lastUpdated
            assertThat(db.rows("SELECT COUNT(*) FROM users WHERE ts = CAST((data->>'lastUpdated') AS TIMESTAMPTZ)"))
                    .containsExactly(List.of("300"));
            // the checkpoints are in the database (with the schedule's last fire), none in state_dir
            assertThat(db.rows("SELECT name FROM okta_inputs_checkpoints").stream().map(row -> row.get(0)))
                    .contains("users", "system_log", "group_members", "users.schedule");
            assertThat(dir.resolve("state").toFile().list((d, n) -> n.endsWith(".checkpoint.json"))).isNullOrEmpty();

            // a change, then a second run: the user's row is updated, a removed membership's row deleted
            String changed = org.updateUsers(1).get(0);
            String left = org.directory().removeRandomMemberships(1).get(0);
            assertThat(db.table("group_members")).containsKey(left);
            Cli.Result again = Cli.run(env(server), "run", "--once", "--config", config.toString());
            assertThat(again.exitCode()).as(again.err()).isZero();
            assertThat(db.table("group_members").keySet()).doesNotContain(left)
                    .hasSize(truth.get("group_members").size() - 1);
            Map<String, JsonNode> users = db.table("users");
            assertThat(users.keySet()).hasSize(300);
            assertThat(users.get(changed)).isEqualTo(OrgTruth.fullSync(server, List.of("users")).get("users").get(changed))
                    .isNotEqualTo(truth.get("users").get(changed));
        }
    }
}
