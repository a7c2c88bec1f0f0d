package dev.oktainputs.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.test.TestUtils;

/** What the integration tests share: building a cluster, a connector's config, reading topics with a deadline. */
final class ConnectClusters {

    static final long WAIT_MS = 120_000;

    private ConnectClusters() {
    }

    static EmbeddedConnectCluster start(String name, int workers, boolean exactlyOnce) {
        return start(name, workers, exactlyOnce, Map.of(), new Properties());
    }

    /** @param brokerProps settings of the broker on top of the ones every test needs */
    static EmbeddedConnectCluster start(String name, int workers, boolean exactlyOnce, Properties brokerProps) {
        return start(name, workers, exactlyOnce, Map.of(), brokerProps);
    }

    /** @param moreWorkerProps settings of the workers on top of the ones every test needs */
    static EmbeddedConnectCluster start(String name, int workers, boolean exactlyOnce, Map<String, String> moreWorkerProps) {
        return start(name, workers, exactlyOnce, moreWorkerProps, new Properties());
    }

    private static EmbeddedConnectCluster start(String name, int workers, boolean exactlyOnce, Map<String, String> moreWorkerProps,
                                                Properties brokerProps) {
        Map<String, String> worker = new HashMap<>(moreWorkerProps);
        worker.put("offset.flush.interval.ms", "500");
        // A departed worker's tasks move after this delay (the default is 5 minutes).
        worker.put("scheduled.rebalance.max.delay.ms", "1000");
        worker.put("plugin.discovery", "service_load");
        if (exactlyOnce) {
            worker.put("exactly.once.source.support", "enabled");
        }
        Properties broker = new Properties();
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        broker.putAll(brokerProps);
        EmbeddedConnectCluster cluster = new EmbeddedConnectCluster.Builder().name(name).numWorkers(workers).numBrokers(1)
                .workerProps(worker).brokerProps(broker).build();
        cluster.start();
        return cluster;
    }

    static Map<String, String> connector(EmbeddedConnectCluster cluster, String orgUrl, String apiKey, String families,
                                         String topicPrefix, String stateDir) {
        Map<String, String> c = new HashMap<>();
        c.put(OktaConnectorConfig.STATE_BOOTSTRAP, cluster.kafka().bootstrapServers());
        c.put("connector.class", OktaSourceConnector.class.getName());
        c.put("tasks.max", "3");
        c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("value.converter.schemas.enable", "false");
        c.put(OktaConnectorConfig.ORG_URL, orgUrl);
        c.put(OktaConnectorConfig.API_KEY, apiKey);
        c.put(OktaConnectorConfig.INPUTS, families);
        c.put(OktaConnectorConfig.TOPIC_PREFIX, topicPrefix);
        c.put(OktaConnectorConfig.STATE_DIR, stateDir);
        // The embedded brokers do not auto-create topics: Connect creates them (topic.creation.enable is on by default).
        c.put("topic.creation.default.replication.factor", "1");
        c.put("topic.creation.default.partitions", "1");
        for (String family : families.split(",")) {
            c.put("okta." + family + ".cron", "* * * * * ?"); // Quartz: every second
        }
        return c;
    }

    /** Every record of the topics now, read committed (only records of committed transactions). */
    static List<ConsumerRecord<byte[], byte[]>> readAll(EmbeddedConnectCluster cluster, String... topics) {
        try {
            ConsumerRecords<byte[], byte[]> records = cluster.kafka().consumeAll(WAIT_MS,
                    Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), null, topics);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            records.forEach(out::add);
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the topics again and again until {@code done} holds, for at most {@link #WAIT_MS}. */
    static List<ConsumerRecord<byte[], byte[]>> awaitRecords(EmbeddedConnectCluster cluster, String what,
                                                          Predicate<List<ConsumerRecord<byte[], byte[]>>> done, String... topics)
            throws InterruptedException {
        List<List<ConsumerRecord<byte[], byte[]>>> last = new ArrayList<>();
        last.add(List.of());
        TestUtils.waitForCondition(() -> {
            last.set(0, readAll(cluster, topics));
            return done.test(last.get(0));
        }, WAIT_MS, () -> what + " (have " + last.get(0).size() + " records)");
        return last.get(0);
    }

    /** @return the live keys of a topic read as a table: each key's last record, a tombstone removing it */
    static java.util.Set<String> folded(List<ConsumerRecord<byte[], byte[]>> records, String topic) {
        java.util.Set<String> live = new java.util.HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (r.topic().equals(topic)) {
                if (r.value() == null) {
                    live.remove(key(r));
                } else {
                    live.add(key(r));
                }
            }
        }
        return live;
    }

    static String key(ConsumerRecord<byte[], byte[]> r) {
        return new String(r.key(), StandardCharsets.UTF_8);
    }

    static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
