package dev.oktainputs.systemlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.api.RecordSink;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRunner;
import dev.oktainputs.core.Inputs;
import dev.oktainputs.core.config.InputOptions;
import dev.oktainputs.core.error.OktaConfigurationException;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.state.InMemoryCheckpointStore;
import dev.oktainputs.core.state.InMemoryIdSetStore;
import dev.oktainputs.testkit.FakeOkta;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.RecordedOktaRequest;
import dev.oktainputs.testkit.RecordingSink;
import dev.oktainputs.testkit.RequestAuthenticator;
import dev.oktainputs.testkit.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@FakeOkta(users = 0, seed = 17)
class SystemLogInputTest {

    private final SystemLogInput input = new SystemLogInput();
    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    private final InMemoryIdSetStore idSets = new InMemoryIdSetStore();

    /** Keeps keys only: 200,000 events of JSON need not sit in the heap to be counted. */
    static final class KeySink implements RecordSink {
        final List<String> keys = new ArrayList<>();
        int writes;

        @Override
        public void write(List<OktaRecord> records) {
            records.forEach(r -> keys.add(r.key()));
            writes++;
        }
    }

    static OktaClient client(FakeOktaServer okta) {
        return clientBuilder(okta).build();
    }

    static OktaClient.Builder clientBuilder(FakeOktaServer okta) {
        return okta.clientBuilder().random(() -> 0.5);
    }

    private InputRunner.Result run(OktaClient client, RecordSink sink, Map<String, ?> options) throws Exception {
        InputContext ctx = new InputContext(client, InputOptions.parse(SystemLogInput.NAME, input.options(), options), idSets);
        return InputRunner.runOnce(input, ctx, sink, checkpoints);
    }

    private Checkpoint checkpoint(FakeOktaServer okta) throws Exception {
        return checkpoints.load(okta.orgUrl(), SystemLogInput.NAME).orElseThrow();
    }

    @Test
    void aPageThatCannotJoinABatchLetsThePagesInHandGoOutFirst(FakeOktaServer okta, FakeOrg org, RecordingSink sink)
            throws Exception {
        org.systemLog().generate(5_000, Duration.ofMinutes(30));
        AtomicInteger calls = new AtomicInteger();
        RequestAuthenticator valid = RequestAuthenticator.ssws(okta::apiToken);
        okta.authenticator("SSWS", r -> calls.incrementAndGet() <= 4 ? valid.authenticate(r) : RequestAuthenticator.invalidToken());
        Map<String, Object> threePages = Map.of("page_size", 500, "batch_max_records", 1500);
        try (OktaClient client = client(okta)) {
            assertThatThrownBy(() -> run(client, sink, threePages)).hasMessageContaining("401");
            // batch 1 = pages 1-3; batch 2 = page 4 alone, written and checkpointed before page 5's 401 failed the run
            assertThat(sink.keys(SystemLogInput.NAME)).hasSize(2_000);
            assertThat(checkpoint(okta).getString("next")).contains("after=" + okta.requests().get(4).queryParameter("after"));

            okta.authenticator("SSWS", valid);
            okta.takeRequests();
            InputRunner.Result resumed = run(client, sink, threePages);
            assertThat(resumed.metrics().count("pages")).isEqualTo(7); // pages 5-10 and the empty page
            assertThat(resumed.batches()).isEqualTo(3); // 5-7, 8-10, the empty page
        }
        assertThat(sink.keys(SystemLogInput.NAME)).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(org.systemLog().uuids());
    }

    @Test
    void aBatchHoldsNoMorePagesThanItsByteBudgetAllows(FakeOktaServer okta, FakeOrg org) throws Exception {
        org.systemLog().generate(5_000, Duration.ofMinutes(30));
        Map<String, Object> tenPagesFit = Map.of("page_size", 500, "batch_max_records", 5000);
        InputRunner.Result roomy;
        InputRunner.Result tight;
        KeySink roomySink = new KeySink();
        KeySink tightSink = new KeySink();
        try (OktaClient client = client(okta)) {
            roomy = InputRunner.runOnce(new SystemLogInput(Long.MAX_VALUE), new InputContext(client,
                    InputOptions.parse(SystemLogInput.NAME, input.options(), tenPagesFit), new InMemoryIdSetStore()), roomySink,
                    new InMemoryCheckpointStore());
            // A budget below two pages' bytes: every page is a batch of its own, whatever batch_max_records allows.
            tight = InputRunner.runOnce(new SystemLogInput(1), new InputContext(client,
                    InputOptions.parse(SystemLogInput.NAME, input.options(), tenPagesFit), new InMemoryIdSetStore()), tightSink,
                    new InMemoryCheckpointStore());
        }
        assertThat(roomy.batches()).isEqualTo(2); // pages 1-10, then the empty page
        assertThat(tight.batches()).isEqualTo(11);
        assertThat(tightSink.keys).isEqualTo(roomySink.keys).hasSize(5_000).doesNotHaveDuplicates();
    }

    @Test
    void twoHundredThousandEventsAcrossTwoHundredPagesAreEmittedExactlyOnceAndTheRunStopsAtTheFirstEmptyPage(
            FakeOktaServer okta, FakeOrg org, VirtualClock clock) throws Exception {
        org.systemLog().generate(200_000, Duration.ofMinutes(50));
        okta.rateLimit("/api/v1/logs", 120); // Okta-sized bucket: the governor paces, nothing is refused
        KeySink sink = new KeySink();
        InputRunner.Result result;
        try (OktaClient client = client(okta)) {
            result = run(client, sink, Map.of());
        }
        assertThat(sink.keys).hasSize(200_000).doesNotHaveDuplicates();
        assertThat(new HashSet<>(sink.keys)).isEqualTo(new HashSet<>(org.systemLog().uuids()));
        assertThat(okta.requestCount()).isEqualTo(200 + 1);
        // batch_max_records 5000: five pages of 1000 per batch (one durable write and checkpoint each), then the empty page
        assertThat(result.batches()).isEqualTo(40 + 1);
        assertThat(result.metrics().count("events")).isEqualTo(200_000);
        assertThat(result.metrics().count("pages")).isEqualTo(201);
        assertThat(result.metrics().count("duplicates_dropped")).isZero();
        assertThat(result.metrics().duration("lag")).isPresent();
        assertThat(clock.sleeps()).isNotEmpty(); // it waited for the bucket's resets, virtually

        List<RecordedOktaRequest> requests = okta.requests();
        RecordedOktaRequest first = requests.get(0);
        assertThat(first.queryParameter("since")).isEqualTo("2024-12-31T23:00:00.000Z");
        assertThat(first.queryParameter("sortOrder")).isEqualTo("ASCENDING");
        assertThat(first.queryParameter("limit")).isEqualTo("1000");
        assertThat(first.queryParameter("until")).isNull();
        assertThat(first.queryParameter("after")).isNull();
        assertThat(requests.subList(1, requests.size())).allSatisfy(r -> {
            assertThat(r.queryParameter("after")).isNotBlank();
            assertThat(r.queryParameter("since")).isNull();
            assertThat(r.queryParameter("until")).isNull();
        });
        Checkpoint cp = checkpoint(okta);
        assertThat(cp.getString("next")).startsWith("/api/v1/logs?").contains("after=");

        // Nothing new: one request, which is the empty page the previous run ended on.
        okta.takeRequests();
        sink.keys.clear();
        try (OktaClient client = client(okta)) {
            InputRunner.Result again = run(client, sink, Map.of());
            assertThat(again.records()).isZero();
            assertThat(again.metrics().duration("lag")).isEmpty();
        }
        assertThat(okta.requestCount()).isEqualTo(1);
        assertThat(okta.requests().get(0).target()).isEqualTo(cp.getString("next"));
        assertThat(sink.keys).isEmpty();
    }

    @Test
    void recordsAreKeyedByUuidStampedWithPublishedAndCarryOktasBytesEvenWhenTypesDrift(
            FakeOktaServer okta, FakeOrg org, RecordingSink sink) throws Exception {
        org.systemLog().generate(3_000, Duration.ofMinutes(30));
        try (OktaClient client = client(okta)) {
            run(client, sink, Map.of("page_size", 700));
        }
        assertThat(sink.records()).hasSize(3_000);
        int drifted = 0;
        for (OktaRecord r : sink.records()) {
            assertThat(r.stream()).isEqualTo("system_log");
            assertThat(r.jsonString()).isEqualTo(org.systemLog().json(r.key()));
            assertThat(r.timestamp()).isEqualTo(org.systemLog().published(r.key()));
            assertThat(r.labels()).isEmpty();
            if (r.jsonString().contains("\"version\":0") || r.jsonString().contains("\"asNumber\":\"")) {
                drifted++;
            }
        }
        assertThat(drifted).isPositive();
        assertThat(okta.requestCount()).isEqualTo(5 + 1);
    }

    @Test
    void eventsThatBecomeVisibleLateAreDeliveredOnALaterRunAndNotLost(FakeOktaServer okta, FakeOrg org, VirtualClock clock)
            throws Exception {
        org.systemLog().lateDelivery(0.1, Duration.ofMinutes(5));
        org.systemLog().generate(5_000, Duration.ofMinutes(20));
        RecordingSink sink = new RecordingSink();
        try (OktaClient client = client(okta)) {
            run(client, sink, Map.of());
            List<String> first = sink.keys("system_log");
            assertThat(first).hasSizeBetween(4_000, 4_990);
            Instant newestFirst = first.stream().map(org.systemLog()::published).max(Instant::compareTo).orElseThrow();

            clock.advance(Duration.ofMinutes(10));
            List<String> veryLate = org.systemLog().appendLate(3, Duration.ofHours(2)); // older than the lookback, even
            sink.clear();
            run(client, sink, Map.of());
            List<String> second = sink.keys("system_log");
            assertThat(second).containsAll(veryLate).doesNotContainAnyElementsOf(first);
            assertThat(second.stream().map(org.systemLog()::published)).anySatisfy(p -> assertThat(p).isBefore(newestFirst));
            Set<String> all = new HashSet<>(first);
            all.addAll(second);
            assertThat(all).hasSize(5_003).isEqualTo(new HashSet<>(org.systemLog().uuids()));
        }
    }

    @Test
    void theResultSaysHowManyDuplicatesWereDroppedAndHowFarBehindTheRunEnded(FakeOktaServer okta, FakeOrg org,
            VirtualClock clock, RecordingSink sink) throws Exception {
        List<String> uuids = org.systemLog().append(3);
        java.time.Instant newest = uuids.stream().map(org.systemLog()::published).max(java.util.Comparator.naturalOrder()).orElseThrow();
        clock.advance(Duration.ofSeconds(90));
        try (OktaClient client = client(okta)) {
            InputRunner.Result first = run(client, sink, Map.of());
            assertThat(first.duplicatesDropped()).isZero();
            assertThat(first.lag()).contains(Duration.between(newest, clock.instant())); // the clock's now at the end of the run
            assertThat(first.lag().orElseThrow()).isGreaterThanOrEqualTo(Duration.ofSeconds(90));

            org.systemLog().redeliver(uuids.get(0));
            org.systemLog().redeliver(uuids.get(1));
            List<String> fresh = org.systemLog().append(1);
            clock.advance(Duration.ofSeconds(7));
            InputRunner.Result second = run(client, sink, Map.of());
            assertThat(second.duplicatesDropped()).isEqualTo(2);
            assertThat(second.lag()).contains(Duration.between(org.systemLog().published(fresh.get(0)), clock.instant()));

            InputRunner.Result idle = run(client, sink, Map.of()); // nothing new: no lag to tell
            assertThat(idle.duplicatesDropped()).isZero();
            assertThat(idle.lag()).isEmpty();
        }
    }

    @Test
    void aRedeliveredEventIsDroppedByUuid(FakeOktaServer okta, FakeOrg org, VirtualClock clock, RecordingSink sink)
            throws Exception {
        List<String> uuids = org.systemLog().append(3);
        try (OktaClient client = client(okta)) {
            run(client, sink, Map.of());
            clock.advance(Duration.ofMinutes(1));
            org.systemLog().redeliver(uuids.get(2));
            List<String> fresh = org.systemLog().append(2);
            InputRunner.Result second = run(client, sink, Map.of());
            assertThat(second.metrics().count("duplicates_dropped")).isEqualTo(1);
            assertThat(second.metrics().count("events")).isEqualTo(2);
            List<String> all = new ArrayList<>(uuids);
            all.addAll(fresh);
            assertThat(sink.keys("system_log")).containsExactlyElementsOf(all);
        }
    }

    @Test
    void theOverlapReReadCatchesEventsThatBecameVisibleBehindTheCursorAndDropsTheRest(FakeOktaServer okta, FakeOrg org,
                                                                                       VirtualClock clock, RecordingSink sink)
            throws Exception {
        Map<String, Object> options = Map.of("overlap", "PT5M");
        org.systemLog().generate(2_000, Duration.ofMinutes(10));
        try (OktaClient client = client(okta)) {
            run(client, sink, options);
            List<String> hidden = org.systemLog().appendHidden(2, Duration.ofSeconds(30), Duration.ofMinutes(1));
            clock.advance(Duration.ofMinutes(2));
            okta.takeRequests();
            InputRunner.Result second = run(client, sink, options);
            assertThat(sink.keys("system_log")).hasSize(2_002).doesNotHaveDuplicates().containsAll(hidden);
            assertThat(second.metrics().count("events")).isEqualTo(2);
            assertThat(second.metrics().count("duplicates_dropped")).isBetween(900L, 1_100L); // 5 of the 10 minutes re-read
            // First the bounded re-read of the 5 minutes before the previous poll (2 pages), then the polling cursor.
            List<RecordedOktaRequest> requests = okta.requests();
            RecordedOktaRequest reread = requests.get(0);
            assertThat(Duration.between(Instant.parse(reread.queryParameter("since")), Instant.parse(reread.queryParameter("until"))))
                    .isEqualTo(Duration.ofMinutes(5));
            assertThat(requests).hasSize(2 + 1);
            assertThat(requests.get(1).queryParameter("until")).isEqualTo(reread.queryParameter("until"));
            assertThat(requests.get(1).queryParameter("since")).isNull();
            assertThat(requests.get(2).queryParameter("until")).isNull();
            assertThat(requests.get(2).queryParameter("since")).isNull();
            assertThat(requests.get(2).queryParameter("after")).isNotBlank();
        }
    }

    @Test
    void withoutOverlapEventsHiddenBehindTheCursorAreNotSeen(FakeOktaServer okta, FakeOrg org, VirtualClock clock,
                                                             RecordingSink sink) throws Exception {
        org.systemLog().generate(2_000, Duration.ofMinutes(10));
        try (OktaClient client = client(okta)) {
            run(client, sink, Map.of());
            List<String> hidden = org.systemLog().appendHidden(2, Duration.ofSeconds(30), Duration.ofMinutes(1));
            clock.advance(Duration.ofMinutes(2));
            run(client, sink, Map.of());
            // What overlap is for: Okta's polling semantics promise this does not happen; the fake can break the promise.
            assertThat(sink.keys("system_log")).hasSize(2_000).doesNotContainAnyElementsOf(hidden);
        }
    }

    @Test
    void filterAndQArePassedThroughAndAChangeRestartsTheCursorWithoutDuplicates(FakeOktaServer okta, FakeOrg org,
                                                                                 VirtualClock clock, RecordingSink sink)
            throws Exception {
        org.systemLog().generate(3_000, Duration.ofMinutes(20));
        String filter = "eventType eq \"user.session.start\"";
        try (OktaClient client = client(okta)) {
            run(client, sink, Map.of("filter", filter));
            List<String> first = sink.keys("system_log");
            assertThat(first).hasSizeGreaterThan(500);
            assertThat(sink.records()).allSatisfy(r -> assertThat(r.jsonString()).contains("\"eventType\":\"user.session.start\""));
            assertThat(okta.requests()).allSatisfy(r -> assertThat(r.queryParameter("filter")).isEqualTo(filter));
            Instant polledAt = Instant.parse(checkpoint(okta).getString("polled_at"));

            // Filter dropped: the cursor restarts a minute before the last poll, and what was already written is dropped.
            clock.advance(Duration.ofMinutes(5));
            String mine = org.systemLog().append("user.session.start", "FAILURE", "203.0.113.77");
            List<String> others = org.systemLog().append(20);
            okta.takeRequests();
            sink.clear();
            InputRunner.Result second = run(client, sink, Map.of());
            RecordedOktaRequest restart = okta.requests().get(0);
            assertThat(restart.queryParameter("after")).isNull();
            assertThat(restart.queryParameter("filter")).isNull();
            assertThat(Instant.parse(restart.queryParameter("since"))).isEqualTo(polledAt.minus(Duration.ofMinutes(1)));
            assertThat(sink.keys("system_log")).contains(mine).containsAll(others).doesNotContainAnyElementsOf(first);
            assertThat(second.metrics().count("duplicates_dropped")).isPositive();

            // q passed through.
            clock.advance(Duration.ofMinutes(1));
            String mine2 = org.systemLog().append("user.session.start", "FAILURE", "203.0.113.77");
            org.systemLog().append(10);
            okta.takeRequests();
            sink.clear();
            run(client, sink, Map.of("q", "203.0.113.77"));
            assertThat(okta.requests()).allSatisfy(r -> assertThat(r.queryParameter("q")).isEqualTo("203.0.113.77"));
            assertThat(sink.keys("system_log")).containsExactly(mine2);
        }
    }

    @Test
    void theDedupWindowIsBoundedAndCompactedIntoOneFilePerRun(FakeOktaServer okta, FakeOrg org,
                                                              RecordingSink sink) throws Exception {
        org.systemLog().generate(5_000, Duration.ofMinutes(30));
        try (OktaClient client = client(okta)) {
            run(client, sink, Map.of("page_size", 250, "dedup_max_ids", 1_000));
        }
        Checkpoint cp = checkpoint(okta);
        assertThat(idSets.fileCount(okta.orgUrl(), "system_log.dedup")).isEqualTo(1);
        assertThat(cp.getLong("dedup_segments", -1)).isZero();
        assertThat(idSets.load(okta.orgUrl(), "system_log.dedup", cp.getLong("dedup_gen", 0), 0)).hasSize(1_000);
    }

    @Test
    void rejectsLookbacksOktaCannotServeAndQueriesOktaWouldRefuseNamingTheFieldAndTheFix() {
        Map<String, String> bad = new HashMap<>();
        bad.put("lookback", "P91D");
        assertThatThrownBy(() -> InputOptions.parse(SystemLogInput.NAME, input.options(), bad))
                .hasMessageContaining("inputs.system_log.lookback: is 91 days, but Okta returns no event older than 90 days")
                .hasMessageContaining("Use at most P90D");
        assertThatThrownBy(() -> InputOptions.parse(SystemLogInput.NAME, input.options(), Map.of("lookback", "200d")))
                .hasMessageContaining("inputs.system_log.lookback: is 200 days: Okta refuses a since more than 180 days back"
                        + " (400 E0000053)");
        assertThatThrownBy(() -> InputOptions.parse(SystemLogInput.NAME, input.options(), Map.of("lookback", "PT0S")))
                .hasMessageContaining("inputs.system_log.lookback: must be positive");
        assertThat(InputOptions.parse(SystemLogInput.NAME, input.options(), Map.of("lookback", "P90D"))
                .get(SystemLogInput.LOOKBACK)).isEqualTo(Duration.ofDays(90));

        Map<String, Object> all = new HashMap<>();
        all.put("filter", "eventType eq \"user.session.start\" and published gt \"2025-01-01T00:00:00.000Z\"");
        all.put("q", "a b c d e f g h i j k");
        all.put("page_size", 5000);
        assertThatThrownBy(() -> InputOptions.parse(SystemLogInput.NAME, input.options(), all))
                .isInstanceOfSatisfying(OktaConfigurationException.class, e -> assertThat(e.problems()).hasSize(3))
                .hasMessageContaining("inputs.system_log.filter: must not use 'published': Okta refuses it because since"
                        + " and after already bound the time")
                .hasMessageContaining("inputs.system_log.q: has 11 keywords; Okta allows at most 10")
                .hasMessageContaining("inputs.system_log.page_size: must be between 1 and 1000");
        assertThatThrownBy(() -> InputOptions.parse(SystemLogInput.NAME, input.options(),
                Map.of("filter", "eventType = \"user.session.start\"")))
                .hasMessageContaining("inputs.system_log.filter: is not a valid filter expression: '=' is not an operator");
        assertThatThrownBy(() -> InputOptions.parse(SystemLogInput.NAME, input.options(),
                Map.of("filter", "(eventType eq \"a\" or eventType eq \"b\"")))
                .hasMessageContaining("expected ')' at the end");
        assertThatThrownBy(() -> InputOptions.parse(SystemLogInput.NAME, input.options(), Map.of("q", "x".repeat(41))))
                .hasMessageContaining("inputs.system_log.q: keyword").hasMessageContaining("Okta allows at most 40");
        assertThat(InputOptions.parse(SystemLogInput.NAME, input.options(), Map.of("filter",
                "not (eventType sw \"user.\" or target.id pr) and severity ne \"DEBUG\" and client.ipAddress eq \"10.0.0.1\""))
                .get(SystemLogInput.FILTER)).startsWith("not (");
    }

    @Test
    void anOverlapLongerThanTheDedupWindowIsRefusedBeforeAnyRequest(FakeOktaServer okta) {
        try (OktaClient client = client(okta)) {
            assertThatThrownBy(() -> run(client, new RecordingSink(), Map.of("overlap", "PT2H")))
                    .isInstanceOf(OktaConfigurationException.class)
                    .hasMessageContaining("inputs.system_log.overlap: is PT2H, longer than dedup_window (PT1H)")
                    .hasMessageContaining("Raise dedup_window to at least PT2H");
        }
        assertThat(okta.requestCount()).isZero();
    }

    @Test
    void isDiscoverableByNameWithTheLogsScope() {
        assertThat(Inputs.byName("system_log")).isInstanceOf(SystemLogInput.class);
        assertThat(input.requiredScopes()).containsExactly("okta.logs.read");
        assertThat(input.streams()).containsExactly("system_log");
        assertThat(input.options()).extracting(o -> o.name()).containsExactly("lookback", "page_size", "batch_max_records", "overlap", "filter",
                "q", "dedup_window", "dedup_max_ids", "detection", "detection_rules");
    }
}
