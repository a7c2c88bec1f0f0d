package dev.oktainputs.kafka;

import static dev.oktainputs.kafka.ConnectClusters.awaitRecords;
import static dev.oktainputs.kafka.ConnectClusters.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Topics created with the {@code topic.creation.*} settings of docs/kafka-connect.md on a broker whose retention check
 * runs every half second, with a default {@code log.retention.ms} of one hour: they keep a directory whose objects last
 * changed years ago, while a delete-policy topic that carries Okta's time as the Kafka timestamp (the connector's old
 * behaviour) loses all of it at the broker's next check.
 */
class OktaTopicRetentionIT {

    private static final Duration YEARS = Duration.ofDays(4 * 365);
    private static EmbeddedConnectCluster connect;

    @TempDir
    static Path state;

    @BeforeAll
    static void startCluster() {
        Properties broker = new Properties();
        broker.put("log.retention.ms", String.valueOf(Duration.ofHours(1).toMillis()));
        broker.put("log.retention.check.interval.ms", "500");
        broker.put("log.initial.task.delay.ms", "500"); // the retention task's first run (30 s by default)
        connect = ConnectClusters.start("okta-retention", 1, false, broker);
    }

    @AfterAll
    static void stopCluster() {
        if (connect != null) {
            connect.stop();
        }
    }

    /** The first connector example of docs/kafka-connect.md, for this org and families, on a one-broker cluster. */
    private static Map<String, String> readmeConnector(FakeOktaServer okta, String families, String stateDir) throws Exception {
        Map<String, String> c = new HashMap<>(ReadmeConnectorConfigTest.connectorExamples().get(0));
        c.put(OktaConnectorConfig.ORG_URL, okta.orgUrl());
        c.put(OktaConnectorConfig.API_KEY, okta.apiToken());
        c.put(OktaConnectorConfig.INPUTS, families);
        c.put(OktaConnectorConfig.STATE_DIR, state.resolve(stateDir).toString());
        c.put(OktaConnectorConfig.STATE_BOOTSTRAP, connect.kafka().bootstrapServers()); // the example names its own cluster
        c.put("topic.creation.default.replication.factor", "1");
        return c;
    }

    /** A connector whose topics get the broker's defaults: cleanup.policy=delete, log.retention.ms. */
    private static Map<String, String> deletePolicyConnector(FakeOktaServer okta, String prefix, String timestamps) {
        Map<String, String> c = ConnectClusters.connector(connect, okta.orgUrl(), okta.apiToken(), "users", prefix,
                state.resolve(prefix).toString());
        c.put("topic.creation.default.cleanup.policy", "delete");
        c.put(OktaConnectorConfig.RECORD_TIMESTAMP, timestamps);
        return c;
    }

    private static long offset(Admin admin, String topic, OffsetSpec spec) throws Exception {
        TopicPartition tp = new TopicPartition(topic, 0);
        return admin.listOffsets(Map.of(tp, spec)).partitionResult(tp).get().offset();
    }

    private static Config topicConfig(Admin admin, String topic) throws Exception {
        ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(r)).all().get().get(r);
    }

    private static Set<String> keys(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(ConnectClusters::key).collect(Collectors.toSet());
    }

    @Test
    void theReadmesTopicsKeepADirectoryOfYearsOldObjectsThatTimeRetentionWouldDelete() throws Exception {
        // Every user last changed four years ago or more (the org's clock runs four years behind).
        FakeOrg old = FakeOrg.builder().seed(21).users(20).clock(Clock.offset(Clock.systemUTC(), YEARS.negated())).build();
        FakeOrg log = FakeOrg.builder().seed(22).users(3).clock(Clock.systemUTC()).build();
        log.systemLog().generate(40, Duration.ofMinutes(10));
        Set<String> users = old.users().stream().map(u -> u.id()).collect(Collectors.toSet());
        Set<String> events = Set.copyOf(log.systemLog().uuids());
        Instant yearsAgo = Instant.now().minus(YEARS).plus(Duration.ofDays(1));
        try (FakeOktaServer dir = FakeOktaServer.start(old); FakeOktaServer logs = FakeOktaServer.start(log);
             Admin admin = connect.kafka().createAdminClient()) {
            // The docs' settings, here even with Okta's time as the Kafka timestamp: a compacted topic keeps them.
            Map<String, String> tables = readmeConnector(dir, "users", "tables");
            tables.put(OktaConnectorConfig.RECORD_TIMESTAMP, "okta");
            connect.configureConnector("readme-users", tables);
            connect.configureConnector("readme-log", readmeConnector(logs, "system_log", "log"));
            // Broker defaults (delete, 1 h) but stamped when read, the connector's default: kept too.
            connect.configureConnector("read-time", deletePolicyConnector(dir, "read.", "read"));
            List<ConsumerRecord<byte[], byte[]>> table = awaitRecords(connect, "the users", r -> keys(r).equals(users),
                    "okta.acme.users");
            assertThat(table).allSatisfy(r -> assertThat(Instant.ofEpochMilli(r.timestamp())).isBefore(yearsAgo));
            awaitRecords(connect, "the events", r -> keys(r).equals(events), "okta.acme.system_log");
            awaitRecords(connect, "the users stamped when read", r -> keys(r).equals(users), "read.users");

            // The mis-configured topic: broker defaults and Okta's time. Its records are written (the log end offset
            // moves), then the broker's retention check deletes all of them (the log start offset catches up).
            connect.configureConnector("event-time", deletePolicyConnector(dir, "evt.", "okta"));
            TestUtils.waitForCondition(() -> connect.kafka().describeTopics("evt.users").get("evt.users").isPresent()
                    && offset(admin, "evt.users", OffsetSpec.latest()) >= users.size(), ConnectClusters.WAIT_MS,
                    "the event-time users are written");
            TestUtils.waitForCondition(() -> offset(admin, "evt.users", OffsetSpec.earliest())
                    == offset(admin, "evt.users", OffsetSpec.latest()), ConnectClusters.WAIT_MS,
                    "the broker's retention deletes the event-time users");
            assertThat(readAll(connect, "evt.users")).isEmpty();

            // That check ran over the other topics too: they still hold every record, from offset 0.
            for (String topic : List.of("okta.acme.users", "okta.acme.system_log", "read.users")) {
                assertThat(offset(admin, topic, OffsetSpec.earliest())).as(topic).isZero();
            }
            assertThat(keys(readAll(connect, "okta.acme.users"))).isEqualTo(users);
            assertThat(keys(readAll(connect, "okta.acme.system_log"))).isEqualTo(events);
            assertThat(keys(readAll(connect, "read.users"))).isEqualTo(users);

            // As created by Connect from the docs' topic.creation.* settings.
            assertThat(topicConfig(admin, "okta.acme.users").get("cleanup.policy").value()).isEqualTo("compact");
            Config logTopic = topicConfig(admin, "okta.acme.system_log");
            assertThat(logTopic.get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(logTopic.get("retention.ms").value()).isEqualTo("7776000000");
            assertThat(topicConfig(admin, "evt.users").get("retention.ms").value()).isEqualTo("3600000");
            for (String name : List.of("readme-users", "readme-log", "read-time", "event-time")) {
                connect.deleteConnector(name);
            }
        }
    }
}
