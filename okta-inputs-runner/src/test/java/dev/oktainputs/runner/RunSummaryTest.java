package dev.oktainputs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.core.RunMetrics;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.VirtualClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary line of a System Log run says how many duplicates it dropped and how far behind it ended. */
class RunSummaryTest {

    @TempDir
    Path dir;

    @Test
    void aSystemLogRunsSummarySaysDuplicatesAndLag() throws Exception {
        // The CLI runs on the system clock, so the fake org's log does too (nothing here waits for time to pass).
        FakeOrg org = FakeOrg.builder().seed(3).users(5).clock(Clock.systemUTC()).build();
        org.systemLog().append(4);
        try (FakeOktaServer okta = FakeOktaServer.start(org)) {
            Path config = Cli.write(dir, "okta.yaml", "org_url: " + okta.orgUrl() + "\nauth:\n  api_key: ${OKTA_API_KEY}\n"
                    + "inputs:\n  system_log: {}\n  users: {}\nstate_dir: " + dir.resolve("state") + "\nsink:\n  path: "
                    + dir.resolve("out") + "\n");
            Cli.Result r = Cli.run(Map.of("OKTA_API_KEY", okta.apiToken()), "run", "--once", "--config", config.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.err()).containsPattern("\\[system_log\\] run done in [0-9.,]+ s: \\d+ batch(es)?, 4 records \\(4 upserts,"
                    + " 0 deletes\\), 0 duplicates dropped, lag [0-9.,]+ s\\R");
            assertThat(r.err()).containsPattern("\\[users\\] run done in [0-9.,]+ s: \\d+ batch(es)?, 5 records \\(5 upserts,"
                    + " 0 deletes\\)\\R"); // an input without a feed to de-duplicate: nothing more
        }
    }

    @Test
    void theSummaryLineSpellsTheMetricsOut() {
        VirtualClock clock = VirtualClock.startingAt("2025-01-01T00:00:00Z");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, clock, Map::of);
        Instant start = clock.instant();
        Instant end = start.plusMillis(2_500);
        progress.runFinished(new Pipeline.RunResult("system_log", start, end, 3, 1_200, 0, null, RunMetrics.builder()
                .count("events", 1_200).count("duplicates_dropped", 17).duration("lag", Duration.ofMillis(4_250)).build()));
        progress.runFinished(new Pipeline.RunResult("system_log", start, end, 1, 0, 0, null, RunMetrics.builder()
                .count("events", 0).count("duplicates_dropped", 1).build()));
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                String.format("[system_log] run done in %.1f s: 3 batches, 1200 records (1200 upserts, 0 deletes),"
                        + " 17 duplicates dropped, lag 4.3 s", 2.5),
                String.format("[system_log] run done in %.1f s: 1 batch, 0 records (0 upserts, 0 deletes),"
                        + " 1 duplicate dropped, lag n/a (no new event)", 2.5));
    }
}
