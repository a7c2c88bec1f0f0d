package dev.oktainputs.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * Plays the Connect worker for one {@link OktaSourceTask}, in the test thread: polls, "sends" each record (keeps it),
 * acknowledges it, commits offsets the way the worker does (the offset of the last acknowledged record per partition)
 * and calls {@code commit()}.
 */
final class TaskHarness implements SourceTaskContext, OffsetStorageReader {

    final Map<Map<String, ?>, Map<String, ?>> committed = new HashMap<>();
    final List<SourceRecord> sent = new ArrayList<>();
    private final Map<String, String> config;

    TaskHarness(Map<String, String> config) {
        this.config = config;
    }

    OktaSourceTask start(OktaSourceTask task) {
        task.initialize(this);
        task.start(config);
        return task;
    }

    /** One poll; its records are sent, acknowledged and their offsets committed, as the worker's periodic commit does. */
    List<SourceRecord> pollAndCommit(OktaSourceTask task) {
        List<SourceRecord> records = task.poll();
        if (records != null) {
            for (SourceRecord r : records) {
                sent.add(r);
                task.commitRecord(r, null);
                committed.put(r.sourcePartition(), r.sourceOffset());
            }
        }
        task.commit();
        return records;
    }

    /** Polls until {@code quietPolls} calls in a row returned nothing while no run was in progress. */
    void drain(OktaSourceTask task, int quietPolls) {
        int quiet = 0;
        int guard = 0;
        while (quiet < quietPolls) {
            List<SourceRecord> r = pollAndCommit(task);
            quiet = (r == null || r.isEmpty()) && task.idle() ? quiet + 1 : 0;
            if (++guard > 100_000) {
                throw new AssertionError("the task never went quiet");
            }
        }
    }

    /** @return the value of the record's last header of that name, or null */
    static String header(SourceRecord r, String key) {
        org.apache.kafka.connect.header.Header h = r.headers().lastWithName(key);
        return h == null ? null : (String) h.value();
    }

    List<SourceRecord> sent(String topic) {
        return sent.stream().filter(r -> r.topic().equals(topic)).collect(Collectors.toList());
    }

    @Override
    public Map<String, String> configs() {
        return config;
    }

    /** What {@link #pluginMetrics()} returns: null (none) unless a test sets it. */
    org.apache.kafka.common.metrics.PluginMetrics pluginMetrics;

    @Override
    public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
        return pluginMetrics;
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
        return this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Map<String, Object> offset(Map<String, T> partition) {
        return (Map<String, Object>) committed.get(partition);
    }

    @Override
    public <T> Map<Map<String, T>, Map<String, Object>> offsets(java.util.Collection<Map<String, T>> partitions) {
        Map<Map<String, T>, Map<String, Object>> out = new HashMap<>();
        partitions.forEach(p -> out.put(p, offset(p)));
        return out;
    }
}
