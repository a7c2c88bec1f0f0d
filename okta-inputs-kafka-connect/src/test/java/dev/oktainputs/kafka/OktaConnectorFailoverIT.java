package dev.oktainputs.kafka;

import static dev.oktainputs.kafka.ConnectClusters.awaitRecords;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
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
 * Three workers, five fake orgs, one connector per org (users + System Log, two tasks each). Removing the worker
 * that runs the most tasks moves them to the others, which continue from the committed offsets.
 */
class OktaConnectorFailoverIT {

    private static final int ORGS = 5;
    private static EmbeddedConnectCluster connect;

    @TempDir
    static Path state;

    @BeforeAll
    static void startCluster() {
        connect = ConnectClusters.start("okta-failover", 3, false);
    }

    @AfterAll
    static void stopCluster() {
        if (connect != null) {
            connect.stop();
        }
    }

    private static Set<String> keys(List<ConsumerRecord<byte[], byte[]>> records, String topic) {
        return records.stream().filter(r -> r.topic().equals(topic)).map(ConnectClusters::key).collect(Collectors.toSet());
    }

    private static long count(List<ConsumerRecord<byte[], byte[]>> records, String topic) {
        return records.stream().filter(r -> r.topic().equals(topic)).count();
    }

    private static int port(String workerId) {
        return Integer.parseInt(workerId.substring(workerId.lastIndexOf(':') + 1));
    }

    private static void awaitOrgDelivered(int i, FakeOrg org) throws InterruptedException {
        Set<String> users = org.users().stream().map(u -> u.id()).collect(Collectors.toSet());
        Set<String> events = new HashSet<>(org.systemLog().uuids());
        awaitRecords(connect, "org " + i + " delivered", r -> keys(r, "o" + i + ".users").equals(users)
                && keys(r, "o" + i + ".system_log").equals(events), "o" + i + ".users", "o" + i + ".system_log");
    }

    @Test
    void fiveOrgsOnThreeWorkersAllDeliverAndAWorkersTasksMoveOnWhenItLeaves() throws Exception {
        List<FakeOrg> orgs = new ArrayList<>();
        List<FakeOktaServer> servers = new ArrayList<>();
        try {
            for (int i = 0; i < ORGS; i++) {
                FakeOrg org = FakeOrg.builder().seed(100 + i).users(60).clock(Clock.systemUTC()).build();
                org.systemLog().generate(300, Duration.ofMinutes(20));
                FakeOktaServer okta = FakeOktaServer.start(org);
                orgs.add(org);
                servers.add(okta);
                Map<String, String> c = ConnectClusters.connector(connect, okta.orgUrl(), okta.apiToken(), "users,system_log", "o" + i + ".",
                        state.resolve("o" + i).toString());
                c.put("tasks.max", "2");
                c.put("okta.system_log.page_size", "25");
                connect.configureConnector("okta-org-" + i, c);
            }
            for (int i = 0; i < ORGS; i++) {
                awaitOrgDelivered(i, orgs.get(i));
            }
            Map<Integer, Long> usersBefore = new java.util.HashMap<>();
            for (int i = 0; i < ORGS; i++) {
                usersBefore.put(i, count(ConnectClusters.readAll(connect, "o" + i + ".users"), "o" + i + ".users"));
            }

            // The worker with the most tasks leaves.
            Map<Integer, Long> tasksByPort = new java.util.HashMap<>();
            for (int i = 0; i < ORGS; i++) {
                connect.connectorStatus("okta-org-" + i).tasks()
                        .forEach(t -> tasksByPort.merge(port(t.workerId()), 1L, Long::sum));
            }
            int busiest = tasksByPort.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            assertThat(tasksByPort.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2L * ORGS);
            WorkerHandle victim = connect.workers().stream().filter(w -> w.url().getPort() == busiest).findFirst().orElseThrow();
            connect.removeWorker(victim);

            List<List<String>> appended = new ArrayList<>();
            for (FakeOrg org : orgs) {
                appended.add(org.systemLog().append(40));
                org.addUsers(3);
            }
            for (int i = 0; i < ORGS; i++) {
                awaitOrgDelivered(i, orgs.get(i));
            }
            Function<String, ConnectorStateInfo> status = connect::connectorStatus;
            TestUtils.waitForCondition(() -> {
                for (int i = 0; i < ORGS; i++) {
                    ConnectorStateInfo s = status.apply("okta-org-" + i);
                    if (s.tasks().size() != 2 || s.tasks().stream().anyMatch(t -> !t.state().equals("RUNNING")
                            || port(t.workerId()) == busiest)) {
                        return false;
                    }
                }
                return true;
            }, ConnectClusters.WAIT_MS, "every task runs on the remaining workers");
            for (int i = 0; i < ORGS; i++) {
                List<ConsumerRecord<byte[], byte[]>> users = ConnectClusters.readAll(connect, "o" + i + ".users");
                // Continued from the committed offsets: the moved tasks read the changes, not the whole org again.
                assertThat(count(users, "o" + i + ".users")).isLessThan(usersBefore.get(i) + 60);
                List<String> events = ConnectClusters.readAll(connect, "o" + i + ".system_log").stream()
                        .map(ConnectClusters::key).collect(Collectors.toList());
                assertThat(events).containsAll(appended.get(i));
            }
        } finally {
            servers.forEach(FakeOktaServer::close);
        }
    }
}
