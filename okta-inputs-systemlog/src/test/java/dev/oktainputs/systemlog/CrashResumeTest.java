package dev.oktainputs.systemlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.core.Batch;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRun;
import dev.oktainputs.core.InputRunner;
import dev.oktainputs.core.config.InputOptions;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.state.FileCheckpointStore;
import dev.oktainputs.core.state.FileIdSetStore;
import dev.oktainputs.testkit.FakeOkta;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.RecordingSink;
import dev.oktainputs.testkit.VirtualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 at each point of the write → save-checkpoint → commit sequence, on page k, with the state on disk and a fresh
 * run (new stores, new client) resuming it. 5,000 events in pages of 500: 10 pages, then the empty page (k = 11). One
 * batch per page ({@code batch_max_records: 0}); {@link #aCrashAfterTheSinkWroteAMultiPageBatchRepeatsThatBatchOnly}
 * does the same with batches of three pages.
 *
 * <p>What is proved: nothing is ever lost; an event is written twice only when the crash fell between the sink's
 * acknowledgement and the checkpoint save, and then exactly the events of that one page are, with the same key and
 * bytes, so a keyed sink ends up with every event once. That window cannot be closed from the input's side: the sink
 * returned, the process died, and nothing durable says it returned (see docs/system-log.md, "Duplicates and losses").
 */
@FakeOkta(users = 0, seed = 23)
class CrashResumeTest {

    private static final Map<String, Object> OPTIONS = Map.of("page_size", 500, "batch_max_records", 0);
    /** Whole pages join a batch while the next would still fit: pages 1-3, 4-6, 7-9, then 10 and the empty page. */
    private static final Map<String, Object> THREE_PAGE_BATCHES = Map.of("page_size", 500, "batch_max_records", 1500);

    enum CrashPoint { BEFORE_WRITE, AFTER_WRITE, AFTER_CHECKPOINT }

    private final SystemLogInput input = new SystemLogInput();

    /** Runs until page k, crashing there at {@code point}; returns the keys of page k's batch. */
    private List<String> crashOnPage(int k, CrashPoint point, OktaClient client, Path state, RecordingSink sink) throws Exception {
        return crashOnBatch(k, point, client, state, sink, OPTIONS);
    }

    /** Runs until batch k, crashing there at {@code point}; returns the keys of batch k. */
    private List<String> crashOnBatch(int k, CrashPoint point, OktaClient client, Path state, RecordingSink sink,
                                      Map<String, Object> options) throws Exception {
        FileCheckpointStore checkpoints = new FileCheckpointStore(state);
        InputContext ctx = new InputContext(client, InputOptions.parse(SystemLogInput.NAME, input.options(), options),
                new FileIdSetStore(state));
        Checkpoint start = checkpoints.load(client.orgUrl().toString(), SystemLogInput.NAME).orElse(Checkpoint.empty());
        try (InputRun run = input.open(ctx, start)) {
            for (int page = 1; ; page++) {
                Batch b = run.next();
                assertThat(b).as("page " + page).isNotNull();
                if (page == k && point == CrashPoint.BEFORE_WRITE) {
                    return keys(b);
                }
                sink.write(b.records());
                if (page == k && point == CrashPoint.AFTER_WRITE) {
                    return keys(b);
                }
                checkpoints.save(client.orgUrl().toString(), SystemLogInput.NAME, b.checkpoint());
                if (page == k) {
                    return keys(b); // AFTER_CHECKPOINT: the commit hook (tidying old files) never ran
                }
                b.committed();
            }
        }
    }

    private static List<String> keys(Batch b) {
        return b.records().stream().map(OktaRecord::key).toList();
    }

    private void resume(OktaClient client, Path state, RecordingSink sink) throws Exception {
        resume(client, state, sink, OPTIONS);
    }

    private InputRunner.Result resume(OktaClient client, Path state, RecordingSink sink, Map<String, Object> options) throws Exception {
        // A new process: new stores reading the files, new context.
        InputContext ctx = new InputContext(client, InputOptions.parse(SystemLogInput.NAME, input.options(), options),
                new FileIdSetStore(state));
        return InputRunner.runOnce(input, ctx, sink, new FileCheckpointStore(state));
    }

    private static Map<String, Long> counts(RecordingSink sink) {
        return sink.keys(SystemLogInput.NAME).stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static void assertEveryEventOnceByKeyWithOktasBytes(RecordingSink sink, FakeOrg org) {
        // What a keyed sink (Kafka compaction, an upsert by key) holds after the restart.
        Map<String, String> keyed = new HashMap<>();
        sink.records().forEach(r -> keyed.put(r.key(), r.jsonString()));
        Set<String> expected = new HashSet<>(org.systemLog().uuids());
        assertThat(keyed.keySet()).isEqualTo(expected);
        keyed.forEach((k, json) -> assertThat(json).isEqualTo(org.systemLog().json(k)));
    }

    @ParameterizedTest(name = "page {0}")
    @ValueSource(ints = {1, 2, 6, 10, 11})
    void aCrashAfterTheSinkWroteAPageButBeforeItsCheckpointRepeatsThatPageOnlyAndLosesNothing(
            int k, FakeOktaServer okta, FakeOrg org, VirtualClock clock, RecordingSink sink, @TempDir Path state) throws Exception {
        org.systemLog().generate(5_000, Duration.ofMinutes(30));
        List<String> pageK;
        // The crashed run fetches one page at a time: a prefetched page k+1 would be cancelled by the crash, but a request
        // already sent may reach the fake server after takeRequests() below and pass for the resumed run's first request.
        try (OktaClient client = SystemLogInputTest.client(okta);
             OktaClient crashing = SystemLogInputTest.clientBuilder(okta).prefetchPages(false).build()) {
            pageK = crashOnPage(k, CrashPoint.AFTER_WRITE, crashing, state, sink);
            assertThat(pageK).hasSize(k <= 10 ? 500 : 0);
            clock.advance(Duration.ofMinutes(1));
            List<String> arrivedMeanwhile = org.systemLog().append(7);
            okta.takeRequests();
            resume(client, state, sink);
            assertThat(okta.requests().get(0).queryParameter(k == 1 ? "since" : "after"))
                    .as("resumes from page k-1's next link (or starts over when page 1 was never checkpointed)").isNotNull();
            assertThat(sink.keys(SystemLogInput.NAME)).containsAll(arrivedMeanwhile);
        }
        Map<String, Long> counts = counts(sink);
        assertThat(counts.keySet()).isEqualTo(new HashSet<>(org.systemLog().uuids()));
        Set<String> twice = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(twice).as("written twice: exactly page k, which was written but not checkpointed").isEqualTo(new HashSet<>(pageK));
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2));
        assertEveryEventOnceByKeyWithOktasBytes(sink, org);
    }

    @ParameterizedTest(name = "page {0}")
    @ValueSource(ints = {1, 2, 6, 10, 11})
    void aCrashBeforeTheSinkWroteAPageLosesNothingAndRepeatsNothing(int k, FakeOktaServer okta, FakeOrg org, VirtualClock clock,
                                                                   RecordingSink sink, @TempDir Path state) throws Exception {
        org.systemLog().generate(5_000, Duration.ofMinutes(30));
        try (OktaClient client = SystemLogInputTest.client(okta)) {
            crashOnPage(k, CrashPoint.BEFORE_WRITE, client, state, sink);
            clock.advance(Duration.ofMinutes(1));
            org.systemLog().append(7);
            resume(client, state, sink);
        }
        assertThat(sink.keys(SystemLogInput.NAME)).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(org.systemLog().uuids());
    }

    @ParameterizedTest(name = "page {0}")
    @ValueSource(ints = {1, 2, 6, 10, 11})
    void aCrashAfterTheCheckpointWasSavedRepeatsNothingEvenWithItsTidyingUndone(int k, FakeOktaServer okta, FakeOrg org,
                                                                                VirtualClock clock, RecordingSink sink,
                                                                                @TempDir Path state) throws Exception {
        org.systemLog().generate(5_000, Duration.ofMinutes(30));
        try (OktaClient client = SystemLogInputTest.client(okta)) {
            crashOnPage(k, CrashPoint.AFTER_CHECKPOINT, client, state, sink);
            clock.advance(Duration.ofMinutes(1));
            org.systemLog().append(7);
            resume(client, state, sink);
        }
        assertThat(sink.keys(SystemLogInput.NAME)).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(org.systemLog().uuids());
    }

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {1, 2, 4})
    void aCrashAfterTheSinkWroteAMultiPageBatchRepeatsThatBatchOnly(int k, FakeOktaServer okta, FakeOrg org, VirtualClock clock,
                                                                  RecordingSink sink, @TempDir Path state) throws Exception {
        org.systemLog().generate(5_000, Duration.ofMinutes(30));
        List<String> batchK;
        try (OktaClient client = SystemLogInputTest.client(okta);
             OktaClient crashing = SystemLogInputTest.clientBuilder(okta).prefetchPages(false).build()) {
            batchK = crashOnBatch(k, CrashPoint.AFTER_WRITE, crashing, state, sink, THREE_PAGE_BATCHES);
            assertThat(batchK).hasSize(k < 4 ? 1500 : 500);
            int before = sink.keys(SystemLogInput.NAME).size();
            assertThat(before).as("batches 1..k written").isEqualTo(Math.min(k * 1500, 5000));
            clock.advance(Duration.ofMinutes(1));
            okta.takeRequests();
            InputRunner.Result resumed = resume(client, state, sink, THREE_PAGE_BATCHES);
            assertThat(okta.requests().get(0).queryParameter(k == 1 ? "since" : "after"))
                    .as("resumes from batch k-1's last next link").isNotNull();
            int pagesLeft = 10 - (k - 1) * 3 + 1; // the pages of batches k.. and the empty page
            assertThat(resumed.metrics().count("pages")).isEqualTo(pagesLeft);
            assertThat(resumed.batches()).isEqualTo((pagesLeft - 1 + 2) / 3);
        }
        Map<String, Long> counts = counts(sink);
        assertThat(counts.keySet()).isEqualTo(new HashSet<>(org.systemLog().uuids()));
        Set<String> twice = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(twice).as("written twice: exactly batch k").isEqualTo(new HashSet<>(batchK));
        assertEveryEventOnceByKeyWithOktasBytes(sink, org);
    }

    @ParameterizedTest(name = "page {0}")
    @ValueSource(ints = {3, 10})
    void withAnOverlapTheRepeatedPageIsStillTheOnlyRepeat(int k, FakeOktaServer okta, FakeOrg org, VirtualClock clock,
                                                         RecordingSink sink, @TempDir Path state) throws Exception {
        // A complete run first (so the next one re-reads an overlap), then a crash after writing page k of the second.
        org.systemLog().generate(2_000, Duration.ofMinutes(30));
        Map<String, Object> options = Map.of("page_size", 500, "overlap", "PT10M", "batch_max_records", 0);
        try (OktaClient client = SystemLogInputTest.client(okta)) {
            InputContext ctx = new InputContext(client, InputOptions.parse(SystemLogInput.NAME, input.options(), options),
                    new FileIdSetStore(state));
            InputRunner.runOnce(input, ctx, sink, new FileCheckpointStore(state));
            clock.advance(Duration.ofMinutes(2));
            org.systemLog().generate(5_000, Duration.ofMinutes(2));
            List<String> repeated;
            FileCheckpointStore checkpoints = new FileCheckpointStore(state);
            try (InputRun run = input.open(ctx, checkpoints.load(okta.orgUrl(), SystemLogInput.NAME).orElseThrow())) {
                Batch b = null;
                for (int page = 1; page <= k; page++) {
                    if (b != null) {
                        checkpoints.save(okta.orgUrl(), SystemLogInput.NAME, b.checkpoint());
                        b.committed();
                    }
                    b = run.next();
                    sink.write(b.records());
                }
                repeated = keys(b);
            }
            InputRunner.runOnce(input, new InputContext(client, ctx.options(), new FileIdSetStore(state)), sink,
                    new FileCheckpointStore(state));
            Map<String, Long> counts = counts(sink);
            assertThat(counts.keySet()).isEqualTo(new HashSet<>(org.systemLog().uuids()));
            assertThat(counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey))
                    .containsExactlyInAnyOrderElementsOf(repeated);
        }
    }
}
