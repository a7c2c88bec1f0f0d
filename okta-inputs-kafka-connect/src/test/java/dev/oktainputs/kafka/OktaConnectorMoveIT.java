package dev.oktainputs.kafka;

import static dev.oktainputs.kafka.ConnectClusters.folded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.testkit.DirectoryShape;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.Fault;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three workers with exactly-once source support; one connector with every family, in one task. The worker running
 * the task is stopped in the middle of a run (pages slowed down so that the run is under way, a graceful-shutdown
 * timeout of 100 ms so that the run is cut, its open transaction aborted). While the task moves, users, memberships
 * and an app are deleted and System Log events appended, some of them late. After the move every topic, read committed
 * and folded by key, is the org exactly; every deleted object has a tombstone; every System Log event is there once.
 */
class OktaConnectorMoveIT {

    private static final List<String> STREAMS = List.of("users", "groups", "group_members", "apps", "app_users",
            "app_groups", "role_assignments", "custom_roles", "api_tokens", "system_log");
    private static EmbeddedConnectCluster connect;

    @TempDir
    static Path state;

    @BeforeAll
    static void startCluster() {
        connect = ConnectClusters.start("okta-move", 3, true, Map.of("task.shutdown.graceful.timeout.ms", "100"));
    }

    @AfterAll
    static void stopCluster() {
        if (connect != null) {
            connect.stop();
        }
    }

    private static String[] topics() {
        return STREAMS.stream().map(s -> "m." + s).toArray(String[]::new);
    }

    private static Set<String> deleted(List<ConsumerRecord<byte[], byte[]>> records, String topic) {
        return records.stream().filter(r -> r.topic().equals(topic) && r.value() == null).map(ConnectClusters::key)
                .collect(Collectors.toSet());
    }

    private static int port(String workerId) {
        return Integer.parseInt(workerId.substring(workerId.lastIndexOf(':') + 1));
    }

    /** The org as each directory topic should hold it, folded. */
    private static Map<String, Set<String>> expected(FakeOrg org) {
        return Map.of(
                "m.users", org.users().stream().map(u -> u.id()).collect(Collectors.toSet()),
                "m.groups", org.directory().groups().stream().map(g -> g.id()).collect(Collectors.toSet()),
                "m.group_members", new HashSet<>(org.directory().membershipKeys()),
                "m.apps", org.directory().apps().stream().map(a -> a.id()).collect(Collectors.toSet()),
                "m.app_users", new HashSet<>(org.directory().appUserKeys()),
                "m.app_groups", new HashSet<>(org.directory().appGroupKeys()),
                "m.role_assignments", new HashSet<>(org.directory().roles().assignmentKeys()),
                "m.custom_roles", new HashSet<>(org.directory().roles().customRoleIds()),
                "m.api_tokens", new HashSet<>(org.directory().roles().apiTokenIds()));
    }

    private static boolean matches(List<ConsumerRecord<byte[], byte[]>> records, FakeOrg org) {
        return mismatches(records, org).isEmpty();
    }

    /** @return per topic that differs from the org: how many keys are missing and how many are extra */
    private static Map<String, String> mismatches(List<ConsumerRecord<byte[], byte[]>> records, FakeOrg org) {
        Map<String, Set<String>> expected = new java.util.TreeMap<>(expected(org));
        expected.put("m.system_log", new HashSet<>(org.systemLog().uuids()));
        Map<String, String> out = new java.util.TreeMap<>();
        expected.forEach((topic, keys) -> {
            Set<String> have = folded(records, topic);
            if (!have.equals(keys)) {
                Set<String> missing = new HashSet<>(keys);
                missing.removeAll(have);
                Set<String> extra = new HashSet<>(have);
                extra.removeAll(keys);
                out.put(topic, missing.size() + " missing, " + extra.size() + " extra " + extra.stream().limit(3)
                        .collect(Collectors.toList()));
            }
        });
        return out;
    }

    private static List<ConsumerRecord<byte[], byte[]>> awaitOrg(String what, FakeOrg org) throws InterruptedException {
        List<List<ConsumerRecord<byte[], byte[]>>> last = new ArrayList<>(List.of(List.of()));
        TestUtils.waitForCondition(() -> {
            last.set(0, ConnectClusters.readAll(connect, topics()));
            return matches(last.get(0), org);
        }, 4 * ConnectClusters.WAIT_MS, () -> what + ": " + mismatches(last.get(0), org));
        return last.get(0);
    }

    @Test
    void aTaskStoppedMidRunMovesAndTheTopicsEqualTheOrgWithEveryDeleteAndEachEventOnce() throws Exception {
        FakeOrg org = FakeOrg.builder().seed(77).users(50).directory(DirectoryShape.of(8, 6, 4, 5).withAdmins(6)).clock(Clock.systemUTC())
                .build();
        org.systemLog().generate(300, Duration.ofMinutes(20));
        try (FakeOktaServer okta = FakeOktaServer.start(org)) {
            Map<String, String> c = ConnectClusters.connector(connect, okta.orgUrl(), okta.apiToken(),
                    "users,groups,apps,system_log,roles,api_tokens", "m.", state.resolve("m").toString());
            c.put("tasks.max", "1");
            c.put("exactly.once.support", "required");
            c.put("okta.users.full_sync_every", "1");
            c.put("okta.groups.full_sync_every", "1");
            c.put("okta.users.page_size", "20");
            c.put("okta.groups.page_size", "4");
            c.put("okta.system_log.page_size", "25");
            for (String family : List.of("users", "groups", "apps", "roles", "api_tokens")) {
                c.put("okta." + family + ".cron", "*/5 * * * * ?");
            }
            connect.configureConnector("okta-move", c);
            awaitOrg("the first pass", org);

            // Slow pages, so that the task is in the middle of a run, then the worker running it goes.
            for (int i = 0; i < 30; i++) {
                okta.enqueueFault(Fault.latency(Duration.ofMillis(150)));
            }
            String workerId = connect.connectorStatus("okta-move").tasks().get(0).workerId();
            WorkerHandle victim = connect.workers().stream().filter(w -> w.url().getPort() == port(workerId)).findFirst()
                    .orElseThrow();
            connect.removeWorker(victim);

            // While the task moves: deletes of every kind, and System Log events, some of them late.
            List<String> goneUsers = org.users().stream().skip(10).limit(4).map(u -> u.id()).collect(Collectors.toList());
            Set<String> edgesBefore = new HashSet<>(org.directory().membershipKeys());
            Set<String> appUsersBefore = new HashSet<>(org.directory().appUserKeys());
            goneUsers.forEach(org::deleteUser);
            List<String> removedEdges = org.directory().removeRandomMemberships(8);
            String goneApp = org.directory().apps().get(1).id();
            org.directory().deleteApp(goneApp);
            List<String> appended = new ArrayList<>(org.systemLog().append(40));
            appended.addAll(org.systemLog().appendLate(10, Duration.ofMinutes(5)));

            Supplier<String> where = () -> connect.connectorStatus("okta-move").tasks().get(0).workerId();
            TestUtils.waitForCondition(() -> {
                ConnectorStateInfo s = connect.connectorStatus("okta-move");
                return s.tasks().size() == 1 && s.tasks().get(0).state().equals("RUNNING") && port(where.get()) != port(workerId);
            }, ConnectClusters.WAIT_MS, "the task runs on another worker");

            List<ConsumerRecord<byte[], byte[]>> after = awaitOrg("the topics equal the org after the move", org);
            assertThat(deleted(after, "m.users")).containsAll(goneUsers);
            Set<String> goneEdges = new HashSet<>(edgesBefore);
            goneEdges.removeAll(org.directory().membershipKeys());
            assertThat(goneEdges).containsAll(removedEdges);
            assertThat(deleted(after, "m.group_members")).containsAll(goneEdges);
            assertThat(deleted(after, "m.apps")).contains(goneApp);
            Set<String> goneAppUsers = new HashSet<>(appUsersBefore);
            goneAppUsers.removeAll(org.directory().appUserKeys());
            assertThat(deleted(after, "m.app_users")).containsAll(goneAppUsers);
            List<String> events = after.stream().filter(r -> r.topic().equals("m.system_log")).map(ConnectClusters::key)
                    .collect(Collectors.toList());
            assertThat(events).doesNotHaveDuplicates().containsAll(appended).hasSize(org.systemLog().size());
            connect.deleteConnector("okta-move");
        }
    }
}
