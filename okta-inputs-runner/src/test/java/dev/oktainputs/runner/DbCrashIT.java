package dev.oktainputs.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktainputs.runner.Databases.Db;
import dev.oktainputs.runner.Databases.Kind;
import dev.oktainputs.testkit.DirectoryShape;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.FakeUser;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 16's crash bullet, as {@link RunnerCrashIT} does it for the file sink: the real shaded jar runs
 * {@code run --once} into a DuckDB file and into a real PostgreSQL database as a child JVM against a fake org on
 * loopback, and is killed with SIGKILL at seeded random points (a random number of requests into a run) while the org
 * keeps changing; then two runs complete. Every table folded must equal what the embedded API reads from the org, no
 * System Log event may be there twice, and every checkpoint row must parse. {@code -Dokta.crash.seed=N} replays a seed.
 */
class DbCrashIT {

    private static final int KILLS = 8;
    private static final int MAX_ATTEMPTS = 30;
    private static final List<String> INPUTS = DbSinkTest.INPUTS;

    @TempDir
    Path tempDir;

    private final long seed = Long.getLong("okta.crash.seed", 20261202L);
    private CrashHarness children;

    @AfterEach
    void noChildOutlivesTheTest() throws InterruptedException {
        if (children != null) {
            children.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void killNineAtRandomPointsLeavesEveryTableEqualToTheOrg(Kind kind) throws Exception {
        Path dir = CrashHarness.dir(tempDir, kind.name());
        Db db = Databases.create(kind, dir);
        Random random = new Random(seed + kind.ordinal());
        Clock clock = Clock.systemUTC();
        FakeOrg org = FakeOrg.builder().seed(seed).users(1500).clock(clock)
                .directory(DirectoryShape.of(40, 25, 15, 25).withAdmins(10).withAdminGroups(3).withCustomRoles(3).withApiTokens(5))
                .build();
        org.systemLog().generate(3000, Duration.ofMinutes(30));
        try (FakeOktaServer server = FakeOktaServer.builder(org).clock(clock).start()) {
            children = new CrashHarness(dir, seed, Map.of("OKTA_API_KEY", server.apiToken(), "OKTA_DB_PASSWORD", Databases.PASSWORD));
            server.latency(Duration.ofMillis(4));
            server.defaultRateLimit(1_000_000);   // the governor never waits for a window (rate limits have their own tests)
            Path config = Cli.write(dir, "okta.yaml", "org_url: " + server.orgUrl() + "\n"
                    + "auth:\n  api_key: ${OKTA_API_KEY}\n"
                    + "inputs:\n"
                    + "  users: { page_size: 100 }\n"
                    + "  groups: { groups_page_size: 10 }\n"
                    + "  apps: { page_size: 5 }\n"
                    + "  system_log: { lookback: PT2H, page_size: 100 }\n"
                    + "  roles: {}\n"
                    + "  api_tokens: {}\n"
                    + db.sinkYaml()
                    + "state_dir: " + dir.resolve("state") + "\n"
                    + "http:\n  max_concurrent: 6\n");

            int kills = 0;
            List<String> killedAt = new ArrayList<>();
            for (int attempt = 0; kills < KILLS; attempt++) {
                assertThat(attempt).as(children.msg("attempts to kill the runner mid-sync; kills so far " + killedAt)).isLessThan(MAX_ATTEMPTS);
                int before = server.requestCount();
                int after = 1 + random.nextInt(attempt < 3 ? 100 : 40);
                Process child = children.start(config, kind + "-run-" + attempt);
                if (children.awaitRequests(server, before + after, child)) {
                    child.destroyForcibly();
                    children.awaitExit(child);
                    kills++;
                    killedAt.add("run " + attempt + " after " + (server.requestCount() - before) + " requests");
                } else {
                    assertThat(child.exitValue()).as(children.msg("a run that was not killed exits 0")).isZero();
                }
                CrashHarness.changeTheOrg(org, random);
            }
            for (String name : List.of("final", "catch-up")) {
                Process last = children.start(config, kind + "-" + name);
                children.awaitExit(last);
                assertThat(last.exitValue()).as(children.msg("the " + name + " run's exit code")).isZero();
            }
            assertThat(children.logs()).as(children.msg("no run reported a failure or showed a secret"))
                    .noneMatch(l -> l.contains("run failed") || l.contains("Exception") || l.contains(server.apiToken())
                            || l.contains(Databases.PASSWORD));

            List<String> problems = new ArrayList<>();
            Map<String, Map<String, JsonNode>> expected = OrgTruth.fullSync(server, INPUTS);
            for (String stream : INPUTS) {
                OrgTruth.compare(stream, expected.get(stream), db.table(stream), problems);
            }
            if (!expected.get("users").keySet().equals(org.users().stream().map(FakeUser::id).collect(Collectors.toSet()))) {
                problems.add("users: the embedded sync does not list the org's users");
            }
            if (!expected.get("system_log").keySet().equals(new TreeSet<>(org.systemLog().uuids()))) {
                problems.add("system_log: the embedded sync does not list the org's events");
            }
            List<List<String>> counts = db.rows("SELECT COUNT(*), COUNT(DISTINCT key) FROM system_log");
            if (!counts.get(0).get(0).equals(counts.get(0).get(1))
                    || Integer.parseInt(counts.get(0).get(0)) != org.systemLog().uuids().size()) {
                problems.add("system_log: " + counts + " rows/distinct uuids for " + org.systemLog().uuids().size() + " events");
            }
            for (List<String> row : db.rows("SELECT name, state FROM okta_inputs_checkpoints")) {
                if (!Databases.read(row.get(1)).isObject()) {
                    problems.add("checkpoint " + row.get(0) + " is not a JSON object: " + row.get(1));
                }
            }
            if (!problems.isEmpty()) {
                fail(children.msg("kills: " + killedAt + "\n" + String.join("\n", problems)));
            }
            System.out.printf("%s: %d kills %s; %d users, %d events, %d memberships folded as the org has them%n", kind, kills,
                    killedAt, expected.get("users").size(), expected.get("system_log").size(), expected.get("group_members").size());
        }
    }
}
