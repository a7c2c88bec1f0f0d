package dev.oktainputs.kafka;

import dev.oktainputs.testkit.DirectoryShape;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * What an idle Kafka Connect task of ours holds: N tasks (every family of one fake org each) run their first pass and
 * go idle (their next fire is far away); then the heap after a full GC and the live threads are compared with before
 * they started, 35 s after the last run (when the client's prefetch threads have ended). The fake server's threads
 * are not counted. The state topic's writes are discarded here (its producer is closed while a task is idle, so it holds
 * nothing then either); the worker's own per-task costs (its producer, converters) are not ours and not counted.
 *
 * <p>In the bench module but in the connector's package, to reach the task's test constructor. Run:
 * {@code mvn -B -pl okta-inputs-bench -am package -DskipTests} then
 * {@code java -cp "$(cat okta-inputs-bench/target/classpath.txt):okta-inputs-bench/target/classes" dev.oktainputs.kafka.ConnectIdleFootprint 20}
 */
public final class ConnectIdleFootprint {

    private ConnectIdleFootprint() {
    }

    /** The state topic, discarded. */
    private static final class DiscardingStateLog implements StateLog {
        @Override
        public void write(List<Entry> entries) {
        }

        @Override
        public Map<String, byte[]> read(String keyPrefix) {
            return Map.of();
        }

        @Override
        public String describe() {
            return "discarded";
        }

        @Override
        public void close() {
        }
    }

    private static final class Context implements SourceTaskContext, OffsetStorageReader {
        private final Map<String, String> config;

        Context(Map<String, String> config) {
            this.config = config;
        }

        @Override
        public Map<String, String> configs() {
            return config;
        }

        @Override
        public OffsetStorageReader offsetStorageReader() {
            return this;
        }

        @Override
        public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
            return null;
        }

        @Override
        public <T> Map<String, Object> offset(Map<String, T> partition) {
            return null;
        }

        @Override
        public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
            return new HashMap<>();
        }
    }

    private static final Duration SETTLE = Duration.ofSeconds(35);

    /** @return live threads but the fake server's (MockWebServer's, which serve the clients' pooled connections) */
    private static long ourThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !t.getName().startsWith("MockWebServer")).count();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
            Runtime rt = Runtime.getRuntime();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        FakeOrg org = FakeOrg.builder().seed(9).users(500).directory(DirectoryShape.of(20, 15, 10, 10)).clock(Clock.systemUTC())
                .build();
        org.systemLog().generate(500, Duration.ofMinutes(30));
        Path state = Files.createTempDirectory("okta-idle");
        try (FakeOktaServer okta = FakeOktaServer.start(org)) {
            // Warm up: one task, so that class loading and JIT are not counted per task.
            run(okta, state, 1, new ArrayList<>());
            Thread.sleep(SETTLE.toMillis());
            long heapBefore = usedHeapAfterGc();
            long threadsBefore = ourThreads();
            List<OktaSourceTask> tasks = new ArrayList<>();
            long records = run(okta, state, n, tasks);
            // Idle means idle: the client's prefetch threads end 30 s after their last page.
            Thread.sleep(SETTLE.toMillis());
            long heapAfter = usedHeapAfterGc();
            long threadsAfter = ourThreads();
            System.out.printf("| idle tasks | records each read first | heap per idle task (after full GC) | threads per idle task |%n");
            System.out.printf("|---:|---:|---:|---:|%n");
            System.out.printf("| %d | %,d | %.2f MiB | %.1f |%n", n, records / n, (heapAfter - heapBefore) / (double) n / (1 << 20),
                    (threadsAfter - threadsBefore) / (double) n);
            if (args.length > 1 && args[1].equals("--threads")) {
                Map<String, Long> names = new java.util.TreeMap<>();
                Thread.getAllStackTraces().keySet().forEach(t -> names.merge(t.getName().replaceAll("[0-9]+", "#"), 1L, Long::sum));
                names.forEach((name, count) -> System.out.println(count + "  " + name));
            }
            tasks.forEach(OktaSourceTask::stop);
        }
    }

    private static long run(FakeOktaServer okta, Path state, int n, List<OktaSourceTask> keep) throws Exception {
        long records = 0;
        for (int i = 0; i < n; i++) {
            Map<String, String> c = new HashMap<>();
            c.put("name", "idle-" + i + "-" + System.nanoTime());
            c.put(OktaConnectorConfig.ORG_URL, okta.orgUrl());
            c.put(OktaConnectorConfig.API_KEY, okta.apiToken());
            c.put(OktaConnectorConfig.INPUTS, "users,groups,apps,system_log,roles,api_tokens");
            c.put(OktaConnectorConfig.STATE_DIR, state.toString());
            c.put(OktaConnectorConfig.STATE_BOOTSTRAP, "unused:9092");
            c.put(OktaConnectorConfig.POLL_MAX_WAIT_MS, "20");
            for (String family : List.of("users", "groups", "apps", "system_log", "roles", "api_tokens")) {
                c.put("okta." + family + ".cron", "0 0 0 1 1 ? 2099");
            }
            c.put(OktaConnectorConfig.TASK_FAMILIES, "users,groups,apps,system_log,roles,api_tokens");
            OktaSourceTask task = new OktaSourceTask(Clock.systemUTC(), dev.oktainputs.core.time.Sleeper.SYSTEM,
                    cfg -> new DiscardingStateLog());
            task.initialize(new Context(c));
            task.start(c);
            // Done when no input is in a run and polls come back empty for a while (the fetch thread then waits for
            // a fire in 2099).
            int quiet = 0;
            while (quiet < 50) {
                List<SourceRecord> out = task.poll();
                if (out != null) {
                    records += out.size();
                    out.forEach(r -> task.commitRecord(r, null));
                    task.commit();
                }
                quiet = (out == null || out.isEmpty()) && task.noRunInProgress() ? quiet + 1 : 0;
            }
            if (keep.isEmpty() && n == 1) {
                task.stop();
            } else {
                keep.add(task);
            }
        }
        return records;
    }
}
