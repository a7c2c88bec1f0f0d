package dev.oktainputs.kafka;

import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.core.RunMetrics;
import dev.oktainputs.core.http.RateLimitBuckets;
import dev.oktainputs.core.http.RateLimitGovernor;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task's figures, registered through Kafka's connector metrics API ({@code SourceTaskContext.pluginMetrics()},
 * KIP-877), so the worker's reporters (JMX among them) show them with the connector's and task's tags. The same
 * figures as the runner's Prometheus endpoint, under the same names: {@code okta_inputs_records_total{stream,op}},
 * {@code okta_inputs_runs_total{stream,outcome}}, {@code okta_inputs_last_success_timestamp_seconds{stream}},
 * {@code okta_inputs_http_requests_total{bucket,status}}, {@code okta_inputs_rate_limit_remaining{bucket}},
 * {@code okta_inputs_system_log_lag_seconds}, {@code okta_inputs_duplicates_dropped_total}. A metric is registered
 * the first time its tags occur. Without plugin metrics (an older worker) every call does nothing.
 */
final class TaskMetrics implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskMetrics.class);

    private final PluginMetrics plugin;
    private final Map<MetricName, AtomicLong> counters = new ConcurrentHashMap<>();
    private final Map<MetricName, double[]> gauges = new ConcurrentHashMap<>();
    private final Map<String, MetricName> buckets = new ConcurrentHashMap<>();
    private final List<MetricName> registered = new ArrayList<>();
    private volatile Supplier<Map<String, RateLimitGovernor.BucketView>> governor = Map::of;

    /** @param plugin the task's plugin metrics, or null for none */
    TaskMetrics(PluginMetrics plugin) {
        this.plugin = plugin;
    }

    /** @return the task context's plugin metrics, or null when the worker has none (older than Kafka 4.1) */
    static PluginMetrics of(org.apache.kafka.connect.source.SourceTaskContext context) {
        try {
            return context.pluginMetrics();
        } catch (LinkageError | UnsupportedOperationException e) {
            LOG.info("this worker has no connector metrics API; okta_inputs_* metrics are off");
            return null;
        }
    }

    /** @return true when the figures are registered with the worker */
    boolean enabled() {
        return plugin != null;
    }

    /** @param views the client's rate-limit budget, read when a reporter reads the gauges */
    void governor(Supplier<Map<String, RateLimitGovernor.BucketView>> views) {
        this.governor = views;
    }

    /** Counts a batch handed to Connect. */
    void records(List<OktaRecord> records) {
        if (plugin == null) {
            return;
        }
        Map<List<String>, Long> counts = new LinkedHashMap<>();
        for (OktaRecord r : records) {
            counts.merge(List.of(r.stream(), r.op().name().toLowerCase(Locale.ROOT)), 1L, Long::sum);
        }
        counts.forEach((k, n) -> counter("okta_inputs_records_total", "Records handed to Connect, by stream and op",
                "stream", k.get(0), "op", k.get(1)).addAndGet(n));
        registerBuckets();
    }

    /**
     * A run ended.
     *
     * @param input    the input
     * @param ok       whether it completed
     * @param finished when it ended
     * @param metrics  what the input reported about it
     */
    void runEnded(String input, boolean ok, Instant finished, RunMetrics metrics) {
        if (plugin == null) {
            return;
        }
        counter("okta_inputs_runs_total", "Runs ended, by input and outcome", "stream", input, "outcome",
                ok ? "success" : "failure").incrementAndGet();
        if (ok) {
            gauge("okta_inputs_last_success_timestamp_seconds", "When the input's last successful run ended (Unix seconds)",
                    "stream", input)[0] = finished.toEpochMilli() / 1000.0;
        }
        long dropped = metrics.count("duplicates_dropped");
        if (dropped > 0) {
            counter("okta_inputs_duplicates_dropped_total", "System Log events dropped as already seen").addAndGet(dropped);
        }
        metrics.duration("lag").ifPresent(d -> gauge("okta_inputs_system_log_lag_seconds",
                "How far behind the System Log's last run ended")[0] = d.toMillis() / 1000.0);
        registerBuckets();
    }

    /** @return an OkHttp network interceptor counting every exchange with Okta */
    Interceptor http() {
        return chain -> {
            String bucket = RateLimitBuckets.keyFor(chain.request().method(), chain.request().url().encodedPath());
            String status;
            try {
                Response response = chain.proceed(chain.request());
                status = Integer.toString(response.code());
                count(bucket, status);
                return response;
            } catch (IOException e) {
                count(bucket, "error");
                throw e;
            }
        };
    }

    private void count(String bucket, String status) {
        if (plugin != null) {
            counter("okta_inputs_http_requests_total", "HTTP requests sent to Okta, by rate-limit bucket and status",
                    "bucket", bucket, "status", status).incrementAndGet();
        }
    }

    /** A gauge per rate-limit bucket the client has seen, registered when it first appears. */
    private void registerBuckets() {
        for (String bucket : governor.get().keySet()) {
            buckets.computeIfAbsent(bucket, b -> {
                MetricName name = name("okta_inputs_rate_limit_remaining", "Requests left in the bucket's window", "bucket", b);
                add(name, (Measurable) (config, now) -> {
                    RateLimitGovernor.BucketView v = governor.get().get(b);
                    return v == null ? Double.NaN : v.remaining();
                });
                return name;
            });
        }
    }

    private AtomicLong counter(String metric, String doc, String... tags) {
        MetricName name = name(metric, doc, tags);
        AtomicLong c = counters.get(name);
        if (c != null) {
            return c;
        }
        synchronized (this) {
            return counters.computeIfAbsent(name, n -> {
                AtomicLong value = new AtomicLong();
                add(n, (Measurable) (config, now) -> value.get());
                return value;
            });
        }
    }

    private double[] gauge(String metric, String doc, String... tags) {
        MetricName name = name(metric, doc, tags);
        synchronized (this) {
            return gauges.computeIfAbsent(name, n -> {
                double[] value = {Double.NaN};
                add(n, (Measurable) (config, now) -> value[0]);
                return value;
            });
        }
    }

    private MetricName name(String metric, String doc, String... tags) {
        LinkedHashMap<String, String> t = new LinkedHashMap<>();
        for (int i = 0; i < tags.length; i += 2) {
            t.put(tags[i], tags[i + 1]);
        }
        return plugin.metricName(metric, doc, t);
    }

    private synchronized void add(MetricName name, Measurable value) {
        plugin.addMetric(name, value);
        registered.add(name);
    }

    /** Removes every metric this task registered. */
    @Override
    public synchronized void close() {
        if (plugin == null) {
            return;
        }
        for (MetricName name : registered) {
            try {
                plugin.removeMetric(name);
            } catch (RuntimeException e) {
                LOG.debug("removing {}: {}", name, e.toString());
            }
        }
        registered.clear();
    }
}
