package dev.oktainputs.kafka;

import static dev.oktainputs.kafka.ConnectClusters.awaitRecords;
import static dev.oktainputs.kafka.ConnectClusters.header;
import static dev.oktainputs.kafka.ConnectClusters.key;
import static dev.oktainputs.kafka.ConnectClusters.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktainputs.testkit.DirectoryShape;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffsets;
import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector on a real in-process Connect cluster (one worker, one broker) with exactly-once source support
 * enabled, against fake Okta orgs on loopback. Every consumer reads with {@code isolation.level=read_committed}.
 */
class OktaConnectorIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedConnectCluster connect;

    @TempDir
    static Path state;

    @BeforeAll
    static void startCluster() {
        connect = ConnectClusters.start("okta-eos", 1, true);
    }

    @AfterAll
    static void stopCluster() {
        if (connect != null) {
            connect.stop();
        }
    }

    private static Set<String> keys(List<ConsumerRecord<byte[], byte[]>> records, String topic) {
        return records.stream().filter(r -> r.topic().equals(topic) && r.value() != null).map(ConnectClusters::key)
                .collect(Collectors.toSet());
    }

    @Test
    void everyStreamsTopicHoldsTheOrgAndARemovedMembershipBecomesATombstone() throws Exception {
        FakeOrg org = FakeOrg.builder().seed(11).users(150).clock(Clock.systemUTC())
                .directory(DirectoryShape.of(12, 8, 4, 6)).build();
        try (FakeOktaServer okta = FakeOktaServer.start(org)) {
            Map<String, String> c = ConnectClusters.connector(connect, okta.orgUrl(), okta.apiToken(), "users,groups,apps,roles,api_tokens",
                    "dir.", state.resolve("dir").toString());
            c.put("exactly.once.support", "required");
            connect.configureConnector("okta-dir", c);

            String[] topics = {"dir.users", "dir.groups", "dir.group_members", "dir.apps", "dir.app_users", "dir.app_groups",
                "dir.role_assignments", "dir.custom_roles", "dir.api_tokens"};
            Set<String> users = org.users().stream().map(u -> u.id()).collect(Collectors.toSet());
            Set<String> groups = org.directory().groups().stream().map(g -> g.id()).collect(Collectors.toSet());
            Set<String> apps = org.directory().apps().stream().map(a -> a.id()).collect(Collectors.toSet());
            List<ConsumerRecord<byte[], byte[]>> all = awaitRecords(connect, "every stream's topic holds the org", r ->
                    keys(r, "dir.users").equals(users) && keys(r, "dir.groups").equals(groups)
                            && keys(r, "dir.group_members").equals(org.directory().membershipKeys())
                            && keys(r, "dir.apps").equals(apps)
                            && keys(r, "dir.app_users").equals(org.directory().appUserKeys())
                            && keys(r, "dir.app_groups").equals(org.directory().appGroupKeys())
                            && keys(r, "dir.role_assignments").equals(org.directory().roles().assignmentKeys())
                            && keys(r, "dir.custom_roles").equals(new HashSet<>(org.directory().roles().customRoleIds()))
                            && keys(r, "dir.api_tokens").equals(new HashSet<>(org.directory().roles().apiTokenIds())), topics);

            ConsumerRecord<byte[], byte[]> user = all.stream().filter(r -> r.topic().equals("dir.users")).findFirst().orElseThrow();
            JsonNode value = JSON.readTree(user.value());
            assertThat(value.get("id").asText()).isEqualTo(key(user)); // schemaless JSON, the Okta object as is
            assertThat(value.has("schema")).isFalse();
            assertThat(header(user, "okta.stream")).isEqualTo("users");
            assertThat(header(user, "okta.op")).isEqualTo("UPSERT");

            String group = org.directory().groups().stream().map(g -> g.id())
                    .filter(id -> !id.equals(org.directory().everyoneGroupId()) && !org.directory().members(id).isEmpty())
                    .findFirst().orElseThrow();
            String member = org.directory().members(group).get(0);
            org.directory().removeMember(group, member);
            List<ConsumerRecord<byte[], byte[]>> members = awaitRecords(connect, "a tombstone for the removed membership",
                    r -> r.stream().anyMatch(x -> key(x).equals(group + "/" + member) && x.value() == null), "dir.group_members");
            ConsumerRecord<byte[], byte[]> tombstone = members.stream()
                    .filter(x -> key(x).equals(group + "/" + member) && x.value() == null).findFirst().orElseThrow();
            assertThat(header(tombstone, "okta.op")).isEqualTo("DELETE");
            connect.deleteConnector("okta-dir");
        }
    }

    @Test
    void aConnectorStoppedMidRunAndResumedLosesAndDuplicatesNoSystemLogEvent() throws Exception {
        FakeOrg org = FakeOrg.builder().seed(12).users(10).clock(Clock.systemUTC()).build();
        org.systemLog().generate(3000, Duration.ofMinutes(30));
        try (FakeOktaServer okta = FakeOktaServer.start(org)) {
            Map<String, String> c = ConnectClusters.connector(connect, okta.orgUrl(), okta.apiToken(), "system_log", "log.",
                    state.resolve("log").toString());
            c.put("okta.system_log.page_size", "20");
            c.put("okta.system_log.batch_max_records", "100"); // batches of five pages: the stop comes mid-run
            c.put("exactly.once.support", "required");
            connect.configureConnector("okta-log", c);

            awaitRecords(connect, "some events", r -> r.size() >= 300, "log.system_log");
            connect.stopConnector("okta-log");
            connect.assertions().assertConnectorIsStopped("okta-log", "the connector stops");
            int atStop = readAll(connect, "log.system_log").size();
            assertThat(atStop).isLessThan(3000); // stopped mid-run

            // The committed offset is the input's checkpoint, readable (and resettable) through the REST API.
            ConnectorOffsets offsets = connect.connectorOffsets("okta-log");
            assertThat(offsets.offsets()).singleElement().satisfies(o -> {
                assertThat(o.partition()).isEqualTo(Map.of("org", okta.orgUrl(), "stream", "system_log"));
                assertThat(o.offset()).containsKeys("checkpoint_version", "next");
            });

            List<String> appended = org.systemLog().append(200);
            connect.resumeConnector("okta-log");
            Set<String> expected = new HashSet<>(org.systemLog().uuids());
            List<ConsumerRecord<byte[], byte[]>> events = awaitRecords(connect, "every event once",
                    r -> r.stream().map(ConnectClusters::key).collect(Collectors.toSet()).equals(expected), "log.system_log");
            List<String> uuids = events.stream().map(ConnectClusters::key).collect(Collectors.toList());
            assertThat(uuids).hasSize(expected.size()).doesNotHaveDuplicates().containsAll(appended);
            for (ConsumerRecord<byte[], byte[]> e : events.subList(0, 5)) {
                assertThat(JSON.readTree(e.value()).get("uuid").asText()).isEqualTo(key(e));
            }

            // Reset through REST: the connector re-reads the System Log from its lookback.
            connect.stopConnector("okta-log");
            connect.assertions().assertConnectorIsStopped("okta-log", "the connector stops");
            connect.resetConnectorOffsets("okta-log");
            connect.resumeConnector("okta-log");
            awaitRecords(connect, "every event twice after the reset", r -> r.size() == 2 * expected.size(), "log.system_log");
            connect.deleteConnector("okta-log");
        }
    }

    /** A partition with its keys in the order GET returns them (org, stream). */
    private static Map<String, Object> partition(String org, String stream) {
        Map<String, Object> p = new java.util.LinkedHashMap<>();
        p.put("org", org);
        p.put("stream", stream);
        return p;
    }

    private static long userListings(FakeOktaServer okta) {
        return okta.requests().stream().filter(r -> r.path().equals("/api/v1/users")).count();
    }

    @Test
    void aResumedTaskWaitsForTheNextFireOfAnInputThatRanRecentlyAndRunsAtOnceWithoutLastFire() throws Exception {
        FakeOrg org = FakeOrg.builder().seed(14).users(20).clock(Clock.systemUTC()).build();
        org.systemLog().generate(50, Duration.ofMinutes(10));
        try (FakeOktaServer okta = FakeOktaServer.start(org)) {
            Map<String, String> c = ConnectClusters.connector(connect, okta.orgUrl(), okta.apiToken(), "users,system_log", "sched.",
                    state.resolve("sched").toString());
            c.put("tasks.max", "1"); // one task, which takes users first whenever users is due
            c.put("okta.users.cron", "0 0 0 1 1 ? 2099"); // Quartz with a year: after its first run, users is not due again
            c.put("exactly.once.support", "required");
            connect.configureConnector("okta-sched", c);
            Set<String> users = org.users().stream().map(u -> u.id()).collect(Collectors.toSet());
            awaitRecords(connect, "the users", r -> keys(r, "sched.users").equals(users), "sched.users");
            Map<String, Object> partition = Map.of("org", okta.orgUrl(), "stream", "users");
            TestUtils.waitForCondition(() -> connect.connectorOffsets("okta-sched").offsets().stream()
                    .anyMatch(o -> o.partition().equals(partition) && o.offset().containsKey("last_fire")),
                    ConnectClusters.WAIT_MS, "the users offset holds last_fire");

            connect.stopConnector("okta-sched");
            connect.assertions().assertConnectorIsStopped("okta-sched", "the connector stops");
            long listings = userListings(okta);
            connect.resumeConnector("okta-sched");
            List<String> appended = org.systemLog().append(30);
            awaitRecords(connect, "the events appended after the resume",
                    r -> keys(r, "sched.system_log").containsAll(appended), "sched.system_log");
            // The resumed task has polled past users many times: it waits for next year's fire instead of listing again.
            assertThat(userListings(okta)).isEqualTo(listings);

            // An offset without last_fire (as older versions wrote it) runs at once; PATCH accepts both forms.
            connect.stopConnector("okta-sched");
            connect.assertions().assertConnectorIsStopped("okta-sched", "the connector stops");
            List<ConnectorOffset> now = connect.connectorOffsets("okta-sched").offsets();
            ConnectorOffset usersNow = now.stream().filter(o -> o.partition().equals(partition)).findFirst().orElseThrow();
            ConnectorOffset logNow = now.stream().filter(o -> !o.partition().equals(partition)).findFirst().orElseThrow();
            assertThat(logNow.offset()).containsKey("last_fire");
            Map<String, Object> withoutFire = new HashMap<>(usersNow.offset());
            withoutFire.remove("last_fire");
            // The partition exactly as GET returned it: Connect keys offsets by the partition's JSON, so a Map.of (whose
            // order is random per JVM) would write {"stream","org"} half of the time, a partition no task ever reads.
            connect.alterConnectorOffsets("okta-sched", new ConnectorOffsets(List.of(
                    new ConnectorOffset(usersNow.partition(), withoutFire), logNow)));
            long before = userListings(okta);
            connect.resumeConnector("okta-sched");
            TestUtils.waitForCondition(() -> userListings(okta) > before, ConnectClusters.WAIT_MS,
                    "users listed again at once");
            connect.deleteConnector("okta-sched");
        }
    }

    @Test
    void validationThroughRestNamesTheFieldAndAlteringOffsetsIsChecked() throws Exception {
        FakeOrg org = FakeOrg.builder().seed(13).users(5).clock(Clock.systemUTC()).build();
        try (FakeOktaServer okta = FakeOktaServer.start(org)) {
            Map<String, String> c = ConnectClusters.connector(connect, okta.orgUrl(), "wrong-token", "users", "v.",
                    state.resolve("v").toString());
            c.put("name", "okta-v");
            ConfigInfos infos = connect.validateConnectorConfig(OktaSourceConnector.class.getSimpleName(), c);
            assertThat(infos.configs().stream().filter(i -> !i.configValue().errors().isEmpty())
                    .map(i -> i.configKey().name() + ": " + i.configValue().errors())).singleElement().asString()
                    .startsWith("okta.api.key: ");
            ConfigInfo apiKey = infos.configs().stream().filter(i -> i.configKey().name().equals("okta.api.key")).findFirst()
                    .orElseThrow();
            assertThat(apiKey.configValue().errors()).singleElement().asString().contains("401");
            assertThat(apiKey.configValue().value()).isNotEqualTo("wrong-token"); // a PASSWORD is masked

            c.put(OktaConnectorConfig.API_KEY, okta.apiToken());
            connect.configureConnector("okta-v", c);
            awaitRecords(connect, "users", r -> r.size() >= 5, "v.users");
            connect.stopConnector("okta-v");
            connect.assertions().assertConnectorIsStopped("okta-v", "the connector stops");
            // A bad PATCH is refused with 400 (the runtime's BadRequestException) and a message naming the problem.
            Map<Map<String, Object>, Map<String, Object>> bad = new java.util.LinkedHashMap<>();
            bad.put(partition(okta.orgUrl(), "system_log"), Map.of("checkpoint_version", 1));
            bad.put(partition("https://other.okta.com", "users"), Map.of("checkpoint_version", 1));
            bad.put(partition(okta.orgUrl(), "users"), Map.of("checkpoint_version", 1, "last_fire", "yesterday"));
            List<String> expected = List.of("'system_log' is not an input of this connector. Its inputs: users",
                    "names another org; this connector reads " + okta.orgUrl(),
                    "offset of users: offset value \\\"last_fire\\\" must be an ISO-8601 instant");
            int i = 0;
            for (Map.Entry<Map<String, Object>, Map<String, Object>> e : bad.entrySet()) {
                ConnectRestException refused = catchThrowableOfType(ConnectRestException.class, () -> connect.alterConnectorOffsets(
                        "okta-v", new ConnectorOffsets(List.of(new ConnectorOffset(e.getKey(), e.getValue())))));
                assertThat(refused).as("PATCH %s", e).isNotNull();
                assertThat(refused.statusCode()).as(refused.getMessage()).isEqualTo(400);
                assertThat(refused.getMessage()).contains("\"error_code\":400").contains(expected.get(i++));
            }
            connect.deleteConnector("okta-v");
        }
    }
}
