package dev.oktainputs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktainputs.runner.Databases.Db;
import dev.oktainputs.runner.Databases.Kind;
import dev.oktainputs.testkit.DirectoryShape;
import dev.oktainputs.testkit.FakeApp;
import dev.oktainputs.testkit.FakeDirectory;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.FakeUser;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each access view's answers against the fake org's truth, after a {@code run --once} into a real DuckDB file and a
 * real PostgreSQL database: direct and group-derived app access, directly and group-held admin roles (and a group
 * without members), token owners, admin actions and labelled System Log events.
 */
class AccessViewsTest {

    private static final Set<String> DETECTED_TYPES = Set.of("user.account.privilege.grant", "system.api_token.create",
            "user.mfa.factor.deactivate", "security.threat.detected");
    private static final String FAILING_IP = "198.51.100.77";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theViewsAnswerAsTheOrgIs(Kind kind) throws Exception {
        Db db = Databases.create(kind, dir);
        FakeOrg org = FakeOrg.builder().seed(31).users(200).clock(Clock.systemUTC())
                .directory(DirectoryShape.of(10, 15, 6, 10).withAppGroups(2).withAdmins(0).withAdminGroups(0)
                        .withCustomRoles(1).withApiTokens(0))
                .build();
        org.systemLog().generate(400, Duration.ofMinutes(30));
        FakeDirectory directory = org.directory();
        List<FakeUser> users = org.users();
        String superAdmin = users.get(0).id();
        String readOnly = users.get(1).id();
        String helpDeskGroup = directory.groups().stream().filter(g -> directory.members(g.id()).size() > 2).findFirst()
                .orElseThrow().id();
        String emptyGroup = directory.addGroup("Report admins (nobody yet)");
        String superAssignment = directory.roles().assignUserRole(superAdmin, "SUPER_ADMIN");
        String readOnlyAssignment = directory.roles().assignUserRole(readOnly, "READ_ONLY_ADMIN");
        String helpDeskAssignment = directory.roles().assignGroupRole(helpDeskGroup, "HELP_DESK_ADMIN");
        String reportAssignment = directory.roles().assignGroupRole(emptyGroup, "REPORT_ADMIN");
        String owner = users.get(2).id();
        String ciToken = directory.roles().addApiToken("ci", superAdmin);
        String backupToken = directory.roles().addApiToken("backup", owner);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            failures.add(org.systemLog().append("user.session.start", "FAILURE", FAILING_IP));
        }
        String grant = org.systemLog().append("user.account.privilege.grant", "SUCCESS", null);

        try (FakeOktaServer server = FakeOktaServer.builder(org).clock(Clock.systemUTC()).start()) {
            Path config = Cli.write(dir, "okta.yaml", DbSinkTest.config(server, db));
            Cli.Result r = Cli.run(DbSinkTest.env(server), "run", "--once", "--config", config.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();

            // user_app_access: direct assignments (no group) and each member of each group assigned to the app
            Set<List<String>> access = new HashSet<>();
            for (FakeApp app : directory.apps()) {
                directory.appUsers(app.id()).forEach(u -> access.add(Arrays.asList(u, app.id(), "DIRECT", null)));
                for (String g : directory.appGroups(app.id())) {
                    directory.members(g).forEach(u -> access.add(Arrays.asList(u, app.id(), "GROUP", g)));
                }
            }
            assertThat(access.stream().filter(a -> a.get(3) != null)).as("group-derived access in the org").isNotEmpty();
            assertThat(access.stream().filter(a -> a.get(3) == null)).as("direct access in the org").isNotEmpty();
            assertThat(new HashSet<>(db.rows("SELECT user_id, app_id, assignment, group_id FROM user_app_access")))
                    .isEqualTo(access);
            assertThat(db.rows("SELECT COUNT(*) FROM user_app_access WHERE user_login IS NULL OR app_label IS NULL"))
                    .containsExactly(List.of("0"));

            // admins: a user's own role; every member of a group holding one, through that group; a group without members
            Set<List<String>> admins = new HashSet<>();
            admins.add(Arrays.asList("USER", superAdmin, "SUPER_ADMIN", superAssignment, superAdmin, null));
            admins.add(Arrays.asList("USER", readOnly, "READ_ONLY_ADMIN", readOnlyAssignment, readOnly, null));
            directory.members(helpDeskGroup).forEach(u ->
                    admins.add(Arrays.asList("GROUP", helpDeskGroup, "HELP_DESK_ADMIN", helpDeskAssignment, u, helpDeskGroup)));
            admins.add(Arrays.asList("GROUP", emptyGroup, "REPORT_ADMIN", reportAssignment, null, emptyGroup));
            assertThat(new HashSet<>(db.rows("SELECT assignee_type, assignee_id, role_type, assignment_id, user_id, group_id"
                    + " FROM admins"))).isEqualTo(admins);
            assertThat(db.rows("SELECT DISTINCT group_name FROM admins WHERE group_id = '" + emptyGroup + "'"))
                    .containsExactly(List.of("Report admins (nobody yet)"));

            // api_token_owners: each token with its owner's login, and whether the owner is an admin
            String ownerIsAdmin = kind == Kind.DUCKDB ? "true" : "t";
            String notAdmin = kind == Kind.DUCKDB ? "false" : "f";
            boolean ownerHolds = admins.stream().anyMatch(a -> owner.equals(a.get(4)));
            assertThat(new HashSet<>(db.rows("SELECT token_id, token_name, user_id, user_login, owner_is_admin FROM api_token_owners")))
                    .isEqualTo(Set.of(
                            List.of(ciToken, "ci", superAdmin, org.user(superAdmin).orElseThrow().login(), ownerIsAdmin),
                            List.of(backupToken, "backup", owner, org.user(owner).orElseThrow().login(), ownerHolds ? ownerIsAdmin : notAdmin)));

            Map<String, JsonNode> events = OrgTruth.fullSync(server, List.of("system_log")).get("system_log");
            assertThat(events).hasSize(406);

            // recent_admin_actions: the events of administrative changes, as the System Log has them
            Set<String> adminTypes = Set.of("group.user_membership.add", "application.user_membership.add", "user.lifecycle.create",
                    "user.account.reset_password", "user.mfa.factor.deactivate", "user.account.privilege.grant",
                    "system.api_token.create");
            Set<String> adminEvents = uuidsOfType(events, adminTypes);
            assertThat(adminEvents).contains(grant).hasSizeGreaterThan(10);
            assertThat(column(db.rows("SELECT uuid FROM recent_admin_actions"))).isEqualTo(adminEvents);
            assertThat(db.rows("SELECT event_type, actor_login FROM recent_admin_actions WHERE uuid = '" + grant + "'"))
                    .containsExactly(List.of("user.account.privilege.grant",
                            events.get(grant).path("actor").path("alternateId").asText()));

            // suspicious_sign_ins: every event a built-in rule matches by type, and the 5th failure from one IP
            List<List<String>> suspicious = db.rows("SELECT uuid, event_type, detection, risk, ip_address FROM suspicious_sign_ins");
            Set<String> flagged = column(suspicious);
            assertThat(flagged).containsAll(uuidsOfType(events, DETECTED_TYPES)).contains(grant, failures.get(4))
                    .doesNotContainAnyElementsOf(failures.subList(0, 4));
            assertThat(suspicious).filteredOn(row -> row.get(0).equals(failures.get(4)))
                    .containsExactly(List.of(failures.get(4), "user.session.start", "repeated-sign-in-failures", "high", FAILING_IP));
            assertThat(suspicious).allSatisfy(row -> assertThat(DETECTED_TYPES.contains(row.get(1))
                    || row.get(1).equals("user.session.start")).as(row.toString()).isTrue());
        }
    }

    private static Set<String> uuidsOfType(Map<String, JsonNode> events, Set<String> types) {
        return events.entrySet().stream().filter(e -> types.contains(e.getValue().path("eventType").asText()))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    private static Set<String> column(List<List<String>> rows) {
        return rows.stream().map(r -> r.get(0)).collect(Collectors.toSet());
    }
}
