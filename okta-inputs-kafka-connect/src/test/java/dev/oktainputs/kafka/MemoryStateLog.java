package dev.oktainputs.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compacted topic in memory, for task tests that run without a broker (the ITs use the real topic): writes are
 * appended, reads fold them by key, and {@link #failWrites} makes writes fail like an unreachable cluster.
 */
final class MemoryStateLog implements StateLog {

    private final List<Entry> appended = new ArrayList<>();
    volatile boolean failWrites;

    @Override
    public synchronized void write(List<Entry> entries) throws java.io.IOException {
        if (failWrites) {
            throw new java.io.IOException("could not write the state topic test-state: TimeoutException. Fix: point"
                    + " okta.state.bootstrap.servers at the Connect cluster's Kafka");
        }
        appended.addAll(entries);
    }

    @Override
    public synchronized Map<String, byte[]> read(String keyPrefix) {
        Map<String, byte[]> live = new HashMap<>();
        for (Entry e : appended) {
            if (e.key().startsWith(keyPrefix)) {
                if (e.value() == null) {
                    live.remove(e.key());
                } else {
                    live.put(e.key(), e.value());
                }
            }
        }
        return live;
    }

    /** @return the live keys, compacted, in first-written order */
    synchronized List<String> liveKeys(String keyPrefix) {
        Map<String, Boolean> live = new LinkedHashMap<>();
        for (Entry e : appended) {
            if (e.key().startsWith(keyPrefix)) {
                if (e.value() == null) {
                    live.remove(e.key());
                } else {
                    live.put(e.key(), true);
                }
            }
        }
        return new ArrayList<>(live.keySet());
    }

    /** @return the largest value written, in bytes */
    synchronized int largestValue() {
        return appended.stream().filter(e -> e.value() != null).mapToInt(e -> e.value().length).max().orElse(0);
    }

    @Override
    public String describe() {
        return "topic test-state";
    }

    @Override
    public void close() {
        // nothing held
    }
}
