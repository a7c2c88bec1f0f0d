package dev.oktainputs.runner;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.core.RunMetrics;
import dev.oktainputs.core.http.RateLimitBuckets;
import dev.oktainputs.core.http.RateLimitGovernor;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * The runner's Prometheus metrics ({@code metrics.port}), served as Prometheus text at
 * {@code http://127.0.0.1:<port>/metrics} by the Prometheus Java client's HTTP server:
 * {@code okta_inputs_records_total{stream,op}}, {@code okta_inputs_runs_total{stream,outcome}},
 * {@code okta_inputs_last_success_timestamp_seconds{stream}}, {@code okta_inputs_http_requests_total{bucket,status}},
 * {@code okta_inputs_rate_limit_remaining{bucket}}, {@code okta_inputs_system_log_lag_seconds},
 * {@code okta_inputs_duplicates_dropped_total}. It hears the pipeline as a {@link Pipeline.Listener} (passing every
 * event on to the progress display) and every HTTP exchange as an OkHttp network interceptor ({@link #http()}).
 */
final class RunnerMetrics implements AutoCloseable {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter records = Counter.builder().name("okta_inputs_records_total")
            .help("Records written, by stream and op (upsert, delete)").labelNames("stream", "op").register(registry);
    private final Counter runs = Counter.builder().name("okta_inputs_runs_total")
            .help("Runs ended, by input and outcome (success, failure)").labelNames("stream", "outcome").register(registry);
    private final Gauge lastSuccess = Gauge.builder().name("okta_inputs_last_success_timestamp_seconds")
            .help("When the input's last successful run ended (Unix seconds)").labelNames("stream").register(registry);
    private final Counter requests = Counter.builder().name("okta_inputs_http_requests_total")
            .help("HTTP requests sent to Okta (each attempt), by rate-limit bucket and status (error: no response)")
            .labelNames("bucket", "status").register(registry);
    private final Gauge lag = Gauge.builder().name("okta_inputs_system_log_lag_seconds")
            .help("How far behind the System Log's last run ended: its end less the newest event's published").register(registry);
    private final Counter duplicates = Counter.builder().name("okta_inputs_duplicates_dropped_total")
            .help("System Log events dropped as already seen (uuid)").register(registry);
    private final HTTPServer server;

    /**
     * Starts serving.
     *
     * @param port     the port on 127.0.0.1 (0: any free port)
     * @param governor the rate-limit budget {@code okta_inputs_rate_limit_remaining} reads when scraped
     * @throws IOException when the port cannot be bound
     */
    RunnerMetrics(int port, Supplier<Map<String, RateLimitGovernor.BucketView>> governor) throws IOException {
        GaugeWithCallback.builder().name("okta_inputs_rate_limit_remaining")
                .help("Requests left in the rate-limit bucket's current window, as Okta last reported it").labelNames("bucket")
                .callback(cb -> governor.get().forEach((bucket, view) -> cb.call(view.remaining(), bucket)))
                .register(registry);
        server = HTTPServer.builder().hostname("127.0.0.1").port(port).registry(registry).buildAndStart();
    }

    /** @return the port served on */
    int port() {
        return server.getPort();
    }

    /** @return an OkHttp network interceptor counting every exchange with Okta */
    Interceptor http() {
        return chain -> {
            String bucket = RateLimitBuckets.keyFor(chain.request().method(), chain.request().url().encodedPath());
            try {
                Response response = chain.proceed(chain.request());
                requests.labelValues(bucket, Integer.toString(response.code())).inc();
                return response;
            } catch (IOException e) {
                requests.labelValues(bucket, "error").inc();
                throw e;
            }
        };
    }

    /**
     * @param next the listener every event goes on to (the progress display)
     * @return a listener that counts, then calls {@code next}
     */
    Pipeline.Listener listener(Pipeline.Listener next) {
        return new Pipeline.Listener() {
            @Override
            public void runStarted(String input, java.time.Instant at) {
                next.runStarted(input, at);
            }

            @Override
            public void batchWritten(String input, List<OktaRecord> written, Checkpoint checkpoint) {
                for (OktaRecord r : written) {
                    records.labelValues(r.stream(), r.op().name().toLowerCase(Locale.ROOT)).inc();
                }
                next.batchWritten(input, written, checkpoint);
            }

            @Override
            public void runFinished(Pipeline.RunResult result) {
                runs.labelValues(result.input(), result.ok() ? "success" : "failure").inc();
                if (result.ok() && result.finished() != null) {
                    lastSuccess.labelValues(result.input()).set(result.finished().toEpochMilli() / 1000.0);
                }
                RunMetrics m = result.metrics();
                long dropped = m.count("duplicates_dropped");
                if (dropped > 0) {
                    duplicates.inc(dropped);
                }
                m.duration("lag").ifPresent(d -> lag.set(d.toMillis() / 1000.0));
                next.runFinished(result);
            }

            @Override
            public void sinkFailed(String input, int attempt, Exception error) {
                next.sinkFailed(input, attempt, error);
            }
        };
    }

    @Override
    public void close() {
        server.stop();
    }
}
