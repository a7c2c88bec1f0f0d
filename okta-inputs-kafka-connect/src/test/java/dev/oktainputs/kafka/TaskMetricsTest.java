package dev.oktainputs.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.oktainputs.testkit.DirectoryShape;
import dev.oktainputs.testkit.FakeOktaExtension;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.VirtualClock;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task registers the runner's figures through Kafka's connector metrics API (the worker's {@code PluginMetrics},
 * here over a real {@link Metrics} with a {@link JmxReporter}, as a worker has): they count what the task did, show
 * in JMX, and are removed when the task stops.
 */
class TaskMetricsTest {

    @RegisterExtension
    static FakeOktaExtension okta = FakeOktaExtension.builder().users(120).seed(8)
            .directory(DirectoryShape.of(5, 10, 0, 0)).build();

    @TempDir
    Path state;

    private final MemoryStateLog stateLog = new MemoryStateLog();

    @Test
    void theFiguresCountWhatTheTaskDidAndShowInJmx(FakeOktaServer server, FakeOrg org, VirtualClock clock) throws Exception {
        org.systemLog().generate(80, Duration.ofMinutes(5));
        Map<String, String> config = new HashMap<>();
        config.put("name", "okta-metrics-test");
        config.put(OktaConnectorConfig.ORG_URL, server.orgUrl());
        config.put(OktaConnectorConfig.API_KEY, server.apiToken());
        config.put(OktaConnectorConfig.INPUTS, "users,system_log");
        config.put(OktaConnectorConfig.STATE_DIR, state.toString());
        config.put(OktaConnectorConfig.STATE_BOOTSTRAP, "kafka.invalid:9092");
        config.put("okta.users.page_size", "50");
        try (Metrics kafka = new Metrics(new MetricConfig(), List.of(new JmxReporter()), Time.SYSTEM,
                new KafkaMetricsContext("kafka.connect"));
             PluginMetricsImpl plugin = new PluginMetricsImpl(kafka, Map.of("connector", "okta-metrics-test", "task", "0"))) {
            TaskHarness worker = new TaskHarness(config);
            worker.pluginMetrics = plugin;
            OktaSourceTask task = worker.start(new OktaSourceTask(clock, clock, c -> stateLog));
            worker.drain(task, 3);

            assertThat(value(kafka, "okta_inputs_records_total", "stream", "users", "op", "upsert")).isEqualTo(120.0);
            assertThat(value(kafka, "okta_inputs_records_total", "stream", "system_log", "op", "upsert")).isEqualTo(80.0);
            assertThat(value(kafka, "okta_inputs_runs_total", "stream", "users", "outcome", "success")).isGreaterThanOrEqualTo(1.0);
            assertThat(value(kafka, "okta_inputs_last_success_timestamp_seconds", "stream", "users"))
                    .isEqualTo(clock.instant().toEpochMilli() / 1000.0, offset(3600.0));
            assertThat(value(kafka, "okta_inputs_http_requests_total", "bucket", "GET /api/v1/users", "status", "200"))
                    .isGreaterThanOrEqualTo(3.0);   // 120 users in pages of 50
            assertThat(value(kafka, "okta_inputs_rate_limit_remaining", "bucket", "GET /api/v1/users")).isGreaterThan(0.0);
            assertThat(value(kafka, "okta_inputs_system_log_lag_seconds")).isGreaterThanOrEqualTo(0.0);

            // the worker's JMX shows them, tagged with the connector and task
            MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
            Set<ObjectName> beans = jmx.queryNames(new ObjectName("kafka.connect:type=plugins,connector=okta-metrics-test,*"), null);
            ObjectName users = beans.stream().filter(n -> "users".equals(n.getKeyProperty("stream"))
                    && "upsert".equals(n.getKeyProperty("op"))).findFirst().orElseThrow(() -> new AssertionError(beans.toString()));
            assertThat(jmx.getAttribute(users, "okta_inputs_records_total")).isEqualTo(120.0);

            task.stop();
            assertThat(kafka.metrics().keySet()).noneMatch(n -> n.name().startsWith("okta_inputs_"));
        }
    }

    private static double value(Metrics kafka, String name, String... tags) {
        for (Map.Entry<MetricName, ? extends org.apache.kafka.common.Metric> e : kafka.metrics().entrySet()) {
            MetricName n = e.getKey();
            boolean match = n.name().equals(name);
            for (int i = 0; i < tags.length; i += 2) {
                match &= tags[i + 1].equals(n.tags().get(tags[i]));
            }
            if (match) {
                return ((Number) e.getValue().metricValue()).doubleValue();
            }
        }
        throw new AssertionError("no metric " + name + " " + String.join(",", tags) + " in " + kafka.metrics().keySet());
    }
}
