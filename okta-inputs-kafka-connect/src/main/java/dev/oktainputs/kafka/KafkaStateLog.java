package dev.oktainputs.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state log as a compacted Kafka topic ({@value OktaConnectorConfig#STATE_TOPIC}), reached through
 * {@value OktaConnectorConfig#STATE_BOOTSTRAP} and the {@code okta.state.kafka.*} client settings. Writes go through an
 * idempotent producer with {@code acks=all} and return once every entry is acknowledged; reads assign every partition
 * and read from the beginning to the end offsets taken when the read starts, {@code read_committed}.
 */
final class KafkaStateLog implements StateLog {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaStateLog.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String topic;
    private final Map<String, Object> clientConfig;
    private KafkaProducer<byte[], byte[]> producer;

    /**
     * Connects and makes sure the topic exists (created with {@code cleanup.policy=compact} when missing).
     *
     * @param topic        the topic
     * @param clientConfig {@code bootstrap.servers} and any other client settings (security, ...)
     * @param clientId     a client id prefix naming the connector
     */
    KafkaStateLog(String topic, Map<String, Object> clientConfig, String clientId) {
        this.topic = topic;
        this.clientConfig = new HashMap<>(clientConfig);
        this.clientConfig.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        ensureTopic();
    }

    private void ensureTopic() {
        Map<String, Object> admin = new HashMap<>(clientConfig);
        admin.put(AdminClientConfig.CLIENT_ID_CONFIG, clientConfig.get(AdminClientConfig.CLIENT_ID_CONFIG) + "-admin");
        try (Admin a = Admin.create(admin)) {
            try {
                a.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                        .all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                LOG.info("created the state topic {} (cleanup.policy=compact)", topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                Config c = a.describeConfigs(List.of(r)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(r);
                String policy = c.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
                if (!policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT) || policy.contains(TopicConfig.CLEANUP_POLICY_DELETE)) {
                    throw new IllegalStateException("the state topic " + topic + " has cleanup.policy=" + policy
                            + ", which lets the broker delete the state of deletion detection and de-duplication. Fix: set"
                            + " cleanup.policy=compact on it, or name another topic in " + OktaConnectorConfig.STATE_TOPIC);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the state topic " + topic);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new IllegalStateException(unreachable("check or create", e));
        }
    }

    private String unreachable(String what, Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return "could not " + what + " the state topic " + topic + " on " + clientConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) + ": "
                + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")")
                + ". Fix: point " + OktaConnectorConfig.STATE_BOOTSTRAP + " at the Connect cluster's Kafka (the workers'"
                + " bootstrap.servers), with its security settings as okta.state.kafka.*, and allow the connector's principal"
                + " to create, read and write the topic";
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Map<String, Object> p = new HashMap<>(clientConfig);
            p.put(ProducerConfig.CLIENT_ID_CONFIG, clientConfig.get(AdminClientConfig.CLIENT_ID_CONFIG) + "-producer");
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
            p.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
            p.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
            producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public void write(List<Entry> entries) throws IOException {
        if (entries.isEmpty()) {
            return;
        }
        try {
            KafkaProducer<byte[], byte[]> p = producer();
            List<Future<RecordMetadata>> sent = new ArrayList<>(entries.size());
            for (Entry e : entries) {
                sent.add(p.send(new ProducerRecord<>(topic, e.key().getBytes(StandardCharsets.UTF_8), e.value())));
            }
            p.flush();
            for (Future<RecordMetadata> f : sent) {
                f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing the state topic " + topic);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new IOException(unreachable("write", e), e instanceof ExecutionException ? e.getCause() : e);
        }
    }

    @Override
    public Map<String, byte[]> read(String keyPrefix) throws IOException {
        Map<String, Object> c = new HashMap<>(clientConfig);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, clientConfig.get(AdminClientConfig.CLIENT_ID_CONFIG) + "-reader");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.remove(ConsumerConfig.GROUP_ID_CONFIG); // assigned partitions, no group
        Map<String, byte[]> live = new HashMap<>();
        byte[] prefix = keyPrefix.getBytes(StandardCharsets.UTF_8);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, TIMEOUT).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("the end of " + topic + " was not reached within " + TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() != null && startsWith(r.key(), prefix)) {
                        String key = new String(r.key(), StandardCharsets.UTF_8);
                        if (r.value() == null) {
                            live.remove(key);
                        } else {
                            live.put(key, r.value());
                        }
                    }
                }
            }
        } catch (TimeoutException | KafkaException e) {
            throw new IOException(unreachable("read", e), e);
        }
        return live;
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey(), TIMEOUT) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        if (key.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (key[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void warnAboutTimeRetention(Collection<String> directoryTopics) {
        Map<String, Object> admin = new HashMap<>(clientConfig);
        admin.put(AdminClientConfig.CLIENT_ID_CONFIG, clientConfig.get(AdminClientConfig.CLIENT_ID_CONFIG) + "-admin");
        try (Admin a = Admin.create(admin)) {
            Set<String> existing = a.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<ConfigResource> resources = new ArrayList<>();
            for (String t : directoryTopics) {
                if (existing.contains(t)) {
                    resources.add(new ConfigResource(ConfigResource.Type.TOPIC, t));
                }
            }
            if (resources.isEmpty()) {
                return;
            }
            Map<ConfigResource, Config> configs = a.describeConfigs(resources).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            configs.forEach((r, c) -> {
                String policy = c.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
                String retention = c.get(TopicConfig.RETENTION_MS_CONFIG).value();
                if (policy.contains(TopicConfig.CLEANUP_POLICY_DELETE) && !"-1".equals(retention)) {
                    LOG.warn("topic {} has cleanup.policy={} and retention.ms={}: the broker deletes every directory record"
                                    + " older than that, so objects that do not change disappear from the topic. Fix:"
                                    + " kafka-configs.sh --alter --entity-type topics --entity-name {} --add-config"
                                    + " cleanup.policy=compact (or retention.ms=-1); new connectors: the topic.creation.*"
                                    + " settings in docs/kafka-connect.md", r.name(), policy, retention, r.name());
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            LOG.debug("could not read the settings of the topics {}: {}", directoryTopics, e.toString());
        }
    }

    @Override
    public synchronized void idle() {
        close();
    }

    @Override
    public String describe() {
        return "topic " + topic;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
