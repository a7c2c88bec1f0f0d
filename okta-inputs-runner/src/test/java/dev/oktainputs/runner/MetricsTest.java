package dev.oktainputs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code metrics.port}: a continuous run serves Prometheus text on loopback; scraped over HTTP during the run, the
 * counters move as runs write records. The test waits for the runs' summary lines, never for time.
 */
class MetricsTest {

    @TempDir
    Path dir;

    /** Counts the "[users] run done" lines a run prints; each releases one permit. */
    private static final class RunsDone extends Writer {
        final StringBuilder text = new StringBuilder();
        final Semaphore users = new Semaphore(0);
        final CountDownLatch systemLog = new CountDownLatch(1);
        private final StringBuilder line = new StringBuilder();

        @Override
        public synchronized void write(char[] buf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                text.append(buf[i]);
                if (buf[i] == '\n') {
                    String l = line.toString();
                    if (l.startsWith("[users] run done")) {
                        users.release();
                    } else if (l.startsWith("[system_log] run done")) {
                        systemLog.countDown();
                    }
                    line.setLength(0);
                } else {
                    line.append(buf[i]);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void theCountersMoveDuringARunAndAreScrapedOverHttp() throws Exception {
        FakeOrg org = FakeOrg.builder().seed(3).users(250).clock(Clock.systemUTC()).build();
        org.systemLog().generate(150, Duration.ofMinutes(10));
        int port = DbSinkErrorsTest.closedPort();
        try (FakeOktaServer server = FakeOktaServer.builder(org).clock(Clock.systemUTC()).start()) {
            Path config = Cli.write(dir, "okta.yaml", "org_url: " + server.orgUrl() + "\nauth:\n  api_key: ${OKTA_API_KEY}\n"
                    + "inputs:\n  users: { cron: \"* * * * * ?\", page_size: 100 }\n"
                    + "  system_log: { cron: \"0 0 0 1 1 ? 2099\", lookback: PT1H }\n"
                    + "sink:\n  type: file\n  path: ./out\nstate_dir: ./state\nmetrics:\n  port: " + port + "\n");
            RunnerConfig cfg = new ConfigLoader(Map.of("OKTA_API_KEY", server.apiToken())).load(config);
            RunsDone done = new RunsDone();
            CountDownLatch stop = new CountDownLatch(1);
            int[] code = {-1};
            Thread run = new Thread(() -> {
                try {
                    code[0] = RunCommand.run(cfg, new PrintWriter(new StringWriter()), new PrintWriter(done, true), false, stop);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            run.start();
            try {
                assertThat(done.users.tryAcquire(60, TimeUnit.SECONDS)).as(done.text.toString()).isTrue();
                assertThat(done.systemLog.await(60, TimeUnit.SECONDS)).as(done.text.toString()).isTrue();
                String first = scrape(port);
                assertThat(value(first, "okta_inputs_records_total", "stream", "users", "op", "upsert")).isEqualTo(250);
                assertThat(value(first, "okta_inputs_records_total", "stream", "system_log", "op", "upsert")).isEqualTo(150);
                assertThat(value(first, "okta_inputs_runs_total", "stream", "users", "outcome", "success")).isGreaterThanOrEqualTo(1);
                assertThat(value(first, "okta_inputs_last_success_timestamp_seconds", "stream", "users"))
                        .isGreaterThan(org.clock().instant().minus(Duration.ofHours(1)).getEpochSecond());
                assertThat(value(first, "okta_inputs_http_requests_total", "bucket", "GET /api/v1/users", "status", "200"))
                        .isGreaterThanOrEqualTo(3);   // 250 users in pages of 100
                assertThat(value(first, "okta_inputs_http_requests_total", "bucket", "GET /api/v1/logs", "status", "200"))
                        .isGreaterThanOrEqualTo(1);
                assertThat(value(first, "okta_inputs_rate_limit_remaining", "bucket", "GET /api/v1/users")).isGreaterThan(0);
                assertThat(value(first, "okta_inputs_system_log_lag_seconds")).isGreaterThanOrEqualTo(0);
                assertThat(value(first, "okta_inputs_duplicates_dropped_total")).isEqualTo(0);

                // the org changes; the next users run writes the changes and the counters move
                double runs = value(first, "okta_inputs_runs_total", "stream", "users", "outcome", "success");
                org.updateUsers(3);
                double upserts = 250;
                while (upserts < 253) {
                    assertThat(done.users.tryAcquire(60, TimeUnit.SECONDS)).as(done.text.toString()).isTrue();
                    upserts = value(scrape(port), "okta_inputs_records_total", "stream", "users", "op", "upsert");
                }
                String second = scrape(port);
                assertThat(value(second, "okta_inputs_records_total", "stream", "users", "op", "upsert")).isEqualTo(253);
                assertThat(value(second, "okta_inputs_runs_total", "stream", "users", "outcome", "success")).isGreaterThan(runs);
                assertThat(value(second, "okta_inputs_http_requests_total", "bucket", "GET /api/v1/users", "status", "200"))
                        .isGreaterThan(value(first, "okta_inputs_http_requests_total", "bucket", "GET /api/v1/users", "status", "200"));
                assertThat(second).contains("# TYPE okta_inputs_records_total counter", "# TYPE okta_inputs_rate_limit_remaining gauge")
                        .doesNotContain(server.apiToken());
            } finally {
                stop.countDown();
                run.join(TimeUnit.SECONDS.toMillis(60));
            }
            assertThat(code[0]).isZero();
            assertThat(done.text.toString()).contains("metrics: http://127.0.0.1:" + port + "/metrics");
        }
    }

    @Test
    void aBadPortIsExitTwoNamingMetricsPort() throws IOException {
        Path config = Cli.write(dir, "okta.yaml", "org_url: https://acme.okta.com\nauth:\n  api_key: ${OKTA_API_KEY}\n"
                + "inputs:\n  users: {}\nmetrics:\n  port: 70000\n");
        Cli.Result r = Cli.run(Map.of("OKTA_API_KEY", "00abcdefghijklmnopqrstuvwxyz0123456789ABCD"), "run", "--once", "--config",
                config.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("error: metrics.port: must be a port number 1..65535, got '70000'");
    }

    private static String scrape(int port) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    /** @return the sample's value; fails when the text has no such sample */
    private static double value(String text, String name, String... labels) {
        for (String line : text.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i < labels.length; i += 2) {
                all &= line.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
            }
            if (all) {
                Matcher m = Pattern.compile("\\s(\\S+)$").matcher(line);
                assertThat(m.find()).isTrue();
                return Double.parseDouble(m.group(1));
            }
        }
        throw new AssertionError("no sample " + name + " " + String.join(",", labels) + " in:\n" + text);
    }
}
