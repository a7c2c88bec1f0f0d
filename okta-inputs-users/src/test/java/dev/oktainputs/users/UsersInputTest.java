package dev.oktainputs.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.core.Batch;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRun;
import dev.oktainputs.core.InputRunner;
import dev.oktainputs.core.Inputs;
import dev.oktainputs.core.config.InputOptions;
import dev.oktainputs.core.error.OktaConfigurationException;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.http.RetryPolicy;
import dev.oktainputs.core.state.FileCheckpointStore;
import dev.oktainputs.core.state.FileIdSetStore;
import dev.oktainputs.core.state.InMemoryCheckpointStore;
import dev.oktainputs.core.state.InMemoryIdSetStore;
import dev.oktainputs.testkit.FakeOkta;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.FakeUser;
import dev.oktainputs.testkit.Fault;
import dev.oktainputs.testkit.RecordedOktaRequest;
import dev.oktainputs.testkit.RecordingSink;
import dev.oktainputs.testkit.RequestAuthenticator;
import dev.oktainputs.testkit.VirtualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@FakeOkta(users = 10_000, seed = 7)
class UsersInputTest {

    private final UsersInput input = new UsersInput();
    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    private final InMemoryIdSetStore idSets = new InMemoryIdSetStore();
    private final List<String> httpLog = new CopyOnWriteArrayList<>();

    private OktaClient client(FakeOktaServer okta) {
        return client(okta, true);
    }

    private OktaClient client(FakeOktaServer okta, boolean prefetch) {
        return okta.clientBuilder().random(() -> 0.5).httpLog(httpLog::add).prefetchPages(prefetch).build();
    }

    private InputContext context(OktaClient client, Map<String, ?> options) {
        return new InputContext(client, InputOptions.parse("users", input.options(), options), idSets);
    }

    private InputRunner.Result run(OktaClient client, RecordingSink sink, Map<String, ?> options) throws Exception {
        return InputRunner.runOnce(input, context(client, options), sink, checkpoints);
    }

    private static Set<String> ids(List<FakeUser> users) {
        return users.stream().map(FakeUser::id).collect(Collectors.toSet());
    }

    @Test
    void firstRunEmitsEveryUserOnceIncludingDeprovisioned(FakeOktaServer okta, FakeOrg org,
                                                          RecordingSink sink) throws Exception {
        try (OktaClient client = client(okta)) {
            InputRunner.Result result = run(client, sink, Map.of());
            assertThat(result.records()).isEqualTo(10_000);
            assertThat(result.deletes()).isZero();
        }
        List<String> keys = sink.keys("users");
        assertThat(keys).hasSize(10_000).doesNotHaveDuplicates();
        assertThat(new HashSet<>(keys)).isEqualTo(ids(org.users()));
        long deprovisioned = org.users().stream().filter(u -> u.status().equals("DEPROVISIONED")).count();
        assertThat(deprovisioned).isGreaterThan(100);
        assertThat(sink.records("users").stream().filter(r -> r.jsonString().contains("\"status\":\"DEPROVISIONED\"")).count())
                .isEqualTo(deprovisioned);
        assertThat(okta.requestCount()).isEqualTo(50);
        RecordedOktaRequest first = okta.requests().get(0);
        assertThat(first.queryParameter("limit")).isEqualTo("200");
        assertThat(first.queryParameter("filter")).isEqualTo("lastUpdated gt \"1970-01-01T00:00:00.000Z\"");
    }

    @Test
    void wholePagesJoinABatchWhileTheNextFullPageFits(FakeOktaServer okta, RecordingSink sink) throws Exception {
        try (OktaClient client = client(okta)) {
            // 10,000 users in pages of 200, batch_max_records 1000 (the default): five pages per batch
            InputRunner.Result batched = run(client, sink, Map.of());
            assertThat(batched.batches()).isEqualTo(10);
            assertThat(okta.requestCount()).isEqualTo(50);
            // 0: a batch per page; 700: three pages (a fourth would not fit)
            assertThat(run(client, sink, Map.of("full_sync", true, "batch_max_records", 0)).batches()).isEqualTo(50);
            assertThat(run(client, sink, Map.of("full_sync", true, "batch_max_records", 700)).batches()).isEqualTo(17);
        }
        assertThat(sink.keys("users")).hasSize(30_000);
    }

    @Test
    void aPageThatCannotJoinABatchLetsThePagesInHandGoOutFirst(FakeOktaServer okta, FakeOrg org, RecordingSink sink)
            throws Exception {
        AtomicInteger calls = new AtomicInteger();
        RequestAuthenticator valid = RequestAuthenticator.ssws(okta::apiToken);
        okta.authenticator("SSWS", r -> calls.incrementAndGet() <= 3 ? valid.authenticate(r) : RequestAuthenticator.invalidToken());
        try (OktaClient client = client(okta)) {
            assertThatThrownBy(() -> run(client, sink, Map.of())).hasMessageContaining("401");
            // pages 1-3 went out as one batch and were checkpointed before page 4's 401 failed the run
            assertThat(sink.keys("users")).hasSize(600);
            String next = checkpoints.load(okta.orgUrl(), "users").orElseThrow().getString("next");
            assertThat(okta.requests().get(3).queryParameter("after")).isNotNull();
            assertThat(next).as("the page that failed").contains("after=" + okta.requests().get(3).queryParameter("after"));

            okta.authenticator("SSWS", valid);
            okta.takeRequests();
            run(client, sink, Map.of());
            assertThat(okta.requestCount()).isEqualTo(47); // pages 4-50
        }
        assertThat(sink.keys("users")).hasSize(10_000).doesNotHaveDuplicates();
        assertThat(new HashSet<>(sink.keys("users"))).isEqualTo(ids(org.users()));
    }

    @Test
    void recordsCarryOktasJsonUntouchedWithKeyAndTimestamp(FakeOktaServer okta, FakeOrg org,
                                                           RecordingSink sink) throws Exception {
        try (OktaClient client = client(okta)) {
            run(client, sink, Map.of("page_size", 100));
        }
        Map<String, FakeUser> byId = org.users().stream().collect(Collectors.toMap(FakeUser::id, u -> u));
        for (OktaRecord r : sink.records("users").subList(0, 500)) {
            FakeUser u = byId.get(r.key());
            assertThat(r.jsonString()).isEqualTo(u.json());
            assertThat(r.timestamp()).isEqualTo(u.lastUpdated());
            assertThat(r.op()).isEqualTo(OktaRecord.Op.UPSERT);
        }
        assertThat(okta.requestCount()).isEqualTo(100);
    }

    @Test
    void incrementalRunFetchesOnlyTheChangedUsers(FakeOktaServer okta, FakeOrg org, VirtualClock clock,
                                                  RecordingSink sink) throws Exception {
        try (OktaClient client = client(okta)) {
            run(client, sink, Map.of());
            clock.advance(Duration.ofMinutes(30));
            List<String> changed = org.updateUsers(100);
            okta.takeRequests();
            sink.clear();

            InputRunner.Result second = run(client, sink, Map.of());
            assertThat(okta.requestCount()).isEqualTo(1);
            assertThat(sink.keys("users")).containsExactlyInAnyOrderElementsOf(changed);
            assertThat(second.records()).isEqualTo(100);
            Map<String, FakeUser> byId = org.users().stream().collect(Collectors.toMap(FakeUser::id, u -> u));
            assertThat(sink.records("users")).allSatisfy(r -> assertThat(r.jsonString()).isEqualTo(byId.get(r.key()).json()));

            // Nothing changed: the boundary re-read is dropped, nothing is emitted twice.
            sink.clear();
            clock.advance(Duration.ofMinutes(30));
            run(client, sink, Map.of());
            assertThat(sink.records()).isEmpty();
        }
    }

    @Test
    void changesThatLandAtTheSameMillisecondAsTheRunAreNotLost(FakeOktaServer okta, FakeOrg org,
                                                              RecordingSink sink) throws Exception {
        try (OktaClient client = client(okta)) {
            run(client, sink, Map.of());
            // No time passes: the update carries the very timestamp the previous run started at.
            List<String> changed = org.updateUsers(3);
            sink.clear();
            run(client, sink, Map.of());
            assertThat(sink.keys("users")).containsExactlyInAnyOrderElementsOf(changed);
        }
    }

    @Test
    void aUserUpdatedBehindTheCursorDuringARunIsPickedUpNextRun(FakeOktaServer okta, FakeOrg org, VirtualClock clock,
                                                               RecordingSink sink) throws Exception {
        try (OktaClient client = client(okta)) {
            Checkpoint cp;
            try (InputRun r = input.open(context(client, Map.of()), Checkpoint.empty())) {
                Batch b = r.next();
                sink.write(b.records());
                // While the run is on page 2, a user already read on page 1 changes, and time moves on.
                // A user the cursor has passed changes, then one it has not reached yet: the pass sees the second
                // one's newer lastUpdated, which must not become the next run's starting point.
                String early = b.records().get(0).key();
                String late = org.users().stream().map(FakeUser::id).max(String::compareTo).orElseThrow();
                clock.advance(Duration.ofSeconds(5));
                org.updateUser(early, Map.of("costCenter", "moved"));
                clock.advance(Duration.ofSeconds(3));
                org.updateUser(late, Map.of("costCenter", "later"));
                Batch last = b;
                while ((b = r.next()) != null) {
                    sink.write(b.records());
                    last = b;
                }
                cp = last.checkpoint();
                checkpoints.save(okta.orgUrl(), "users", cp);
                sink.clear();
                clock.advance(Duration.ofMinutes(1));
                run(client, sink, Map.of());
                assertThat(sink.keys("users")).containsExactly(early);
                assertThat(sink.records("users").get(0).jsonString()).contains("\"costCenter\":\"moved\"");
            }
        }
    }

    @Test
    void anInterruptedRunResumesFromItsCheckpointWithNothingLost(FakeOktaServer okta, FakeOrg org,
                                                                 RecordingSink sink, @TempDir Path state) throws Exception {
        FileCheckpointStore files = new FileCheckpointStore(state);
        FileIdSetStore fileIds = new FileIdSetStore(state);
        // The crashed run fetches one page at a time. With prefetch, page 22 would be in flight when it dies: its close
        // cancels it, but a request already sent may reach the fake server after takeRequests() below and count as the
        // resumed run's (31 requests instead of 30, seen under load).
        try (OktaClient client = client(okta); OktaClient crashing = client(okta, false)) {
            InputContext ctx = new InputContext(client, InputOptions.defaults("users", input.options()), fileIds);
            // Run 1 dies after writing page 20 (its checkpoint saved), before pages 21-25's records are written: batches
            // of five pages of 200 (batch_max_records 1000).
            try (InputRun r = input.open(new InputContext(crashing, ctx.options(), fileIds), Checkpoint.empty())) {
                for (int batch = 1; batch <= 4; batch++) {
                    Batch b = r.next();
                    sink.write(b.records());
                    files.save(okta.orgUrl(), "users", b.checkpoint());
                    b.committed();
                }
                r.next(); // fetched, never written: the crash
            }
            assertThat(sink.records()).hasSize(4_000);
            okta.takeRequests();

            InputRunner.runOnce(input, ctx, sink, files);
            assertThat(okta.requestCount()).isEqualTo(30);
            assertThat(okta.requests().get(0).queryParameter("after")).isNotNull();
            assertThat(sink.keys("users")).hasSize(10_000).doesNotHaveDuplicates();
            assertThat(new HashSet<>(sink.keys("users"))).isEqualTo(ids(org.users()));

            // The resumed full pass could not see every id, so it deletes nothing; the id set still knows them all.
            assertThat(sink.records().stream().filter(rec -> rec.op() == OktaRecord.Op.DELETE)).isEmpty();
            Checkpoint cp = files.load(okta.orgUrl(), "users").orElseThrow();
            assertThat(fileIds.load(okta.orgUrl(), "users", cp.getLong("id_gen", 0), (int) cp.getLong("id_segments", 0)))
                    .isEqualTo(ids(org.users()));
        }
    }

    @Test
    void aFullPassEmitsDeletesForUsersThatDisappeared(FakeOktaServer okta, FakeOrg org, VirtualClock clock,
                                                      RecordingSink sink) throws Exception {
        try (OktaClient client = client(okta)) {
            run(client, sink, Map.of("full_sync_every", 2));
            clock.advance(Duration.ofMinutes(10));
            List<String> added = org.addUsers(2);
            run(client, sink, Map.of("full_sync_every", 2)); // incremental: picks up the new users
            assertThat(sink.records().subList(10_000, sink.records().size())).extracting(OktaRecord::key)
                    .containsExactlyInAnyOrderElementsOf(added);

            List<String> gone = List.of(org.users().get(17).id(), org.users().get(4242).id(), added.get(0));
            gone.forEach(org::deleteUser);
            clock.advance(Duration.ofMinutes(10));
            sink.clear();
            InputRunner.Result third = run(client, sink, Map.of("full_sync_every", 2)); // every 2nd run is full
            assertThat(third.deletes()).isEqualTo(3);
            assertThat(sink.records().stream().filter(r -> r.op() == OktaRecord.Op.DELETE).map(OktaRecord::key))
                    .containsExactlyInAnyOrderElementsOf(gone);
            assertThat(sink.records().stream().filter(r -> r.op() == OktaRecord.Op.DELETE))
                    .allSatisfy(r -> assertThat(r.json()).isNull());
            assertThat(idSets.fileCount(okta.orgUrl(), "users")).isEqualTo(1);

            sink.clear();
            run(client, sink, Map.of("full_sync", true)); // on demand; nothing more is gone
            assertThat(sink.records().stream().filter(r -> r.op() == OktaRecord.Op.DELETE)).isEmpty();
            assertThat(sink.records()).hasSize(org.userCount());
        }
    }

    @Test
    void rateLimitsOnEveryFifthRequestWaitExactlyUntilTheReset(FakeOktaServer okta, FakeOrg org, VirtualClock clock,
                                                              RecordingSink sink) throws Exception {
        okta.faultEvery(5, Fault.rateLimited());
        try (OktaClient client = client(okta)) {
            run(client, sink, Map.of());
        }
        assertThat(sink.keys("users")).hasSize(10_000).doesNotHaveDuplicates();
        long limited = okta.requests().stream().filter(r -> r.fault() != null).count();
        assertThat(limited).isGreaterThanOrEqualTo(12);
        assertThat(clock.sleeps()).hasSize((int) limited);
        // Each wait is X-Rate-Limit-Reset - Date (60 or 61 s: Date is whole seconds, the window 60 s) + 1 s + jitter 0.25 s.
        assertThat(clock.sleeps()).allSatisfy(d -> assertThat(d).isIn(Duration.ofMillis(61_250), Duration.ofMillis(62_250)));
    }

    @Test
    void theLogNeverShowsTheTokenOrAnAuthorizationValue(FakeOktaServer okta, RecordingSink sink) throws Exception {
        okta.faultEvery(7, Fault.status(503));
        try (OktaClient client = client(okta)) {
            run(client, sink, Map.of());
        }
        assertThat(httpLog).hasSizeGreaterThanOrEqualTo(100);
        assertThat(httpLog).noneSatisfy(l -> assertThat(l).contains(okta.apiToken()));
        assertThat(String.join("\n", httpLog)).doesNotContain("SSWS ");
    }

    @Test
    void isDiscoverableByNameAndValidatesItsOptions() {
        assertThat(Inputs.byName("users")).isInstanceOf(UsersInput.class);
        assertThat(Inputs.discover()).containsKey("users");
        assertThat(input.requiredScopes()).containsExactly("okta.users.read");
        assertThatThrownBy(() -> Inputs.byName("userz")).isInstanceOf(OktaConfigurationException.class)
                .hasMessageContaining("inputs.userz").hasMessageContaining("Available: ").hasMessageContaining("users");
        assertThatThrownBy(() -> InputOptions.parse("users", input.options(), Map.of("page_size", 1000)))
                .hasMessageContaining("inputs.users.page_size: must be between 1 and 200");
    }

    @Test
    void usesTheConfiguredRetryPolicy(FakeOktaServer okta, RecordingSink sink) {
        okta.enqueueFault(Fault.status(500));
        okta.enqueueFault(Fault.status(500));
        try (OktaClient client = okta.clientBuilder().retryPolicy(RetryPolicy.DEFAULT.withMaxAttempts(2)).build()) {
            assertThatThrownBy(() -> run(client, sink, Map.of())).hasMessageContaining("after 2 attempts");
        }
        assertThat(checkpoints.load(okta.orgUrl(), "users")).isEmpty();
    }
}
