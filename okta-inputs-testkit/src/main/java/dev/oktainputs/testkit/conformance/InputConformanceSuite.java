package dev.oktainputs.testkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.core.Batch;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRun;
import dev.oktainputs.core.InputRunner;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.Secret;
import dev.oktainputs.core.auth.ApiKeyCredentials;
import dev.oktainputs.core.config.InputOptions;
import dev.oktainputs.core.error.OktaAuthenticationException;
import dev.oktainputs.core.error.OktaPermissionException;
import dev.oktainputs.core.fanout.FanOutRun;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.state.InMemoryCheckpointStore;
import dev.oktainputs.core.state.InMemoryIdSetStore;
import dev.oktainputs.testkit.DirectoryShape;
import dev.oktainputs.testkit.FakeOkta;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.Fault;
import dev.oktainputs.testkit.RecordedOktaRequest;
import dev.oktainputs.testkit.RecordingSink;
import dev.oktainputs.testkit.VirtualClock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite every input passes (the Flink connector-testing idea): paging across many pages,
 * resume from a checkpoint, 429 then success, 5xx then success, 401 (clear error, no retry), 403 (clear error
 * naming the missing scope), an empty org, and for fan-out inputs (whose run is a {@link FanOutRun}) a parent
 * deleted right after it was listed. Extend it in the input module's tests:
 *
 * <pre>{@code
 * class UsersConformanceTest extends InputConformanceSuite {
 *     protected OktaInput input() { return new UsersInput(); }
 *     protected String endpoint() { return "/api/v1/users"; }
 *     protected Set<String> expectedKeys(FakeOrg org) { return ids of org.users(); }
 *     protected Map<String, ?> smallPages() { return Map.of("page_size", 20); }
 * }
 * }</pre>
 *
 * <p>Each test gets a fresh fake org of 450 users on a virtual clock; nothing sleeps. Inputs of the rest of the
 * directory override {@link #orgShape()} (groups, apps, roles to generate) and, when a run also reads a parent
 * listing, {@link #isPageRequest} (which requests are the pages that become batches).
 *
 * <p>Batches and pages: a batch never splits a page, so a run makes at most one batch per page. Listings and fan-outs
 * both gather several whole pages into one batch ({@code batch_max_records}), so the suite asserts only the bound.
 */
@FakeOkta(users = 450, seed = 11)
public abstract class InputConformanceSuite {

    /** @return the input under test */
    protected abstract OktaInput input();

    /** @return the path prefix of the endpoint the input pages through, e.g. {@code /api/v1/users} */
    protected abstract String endpoint();

    /**
     * @param org the fake org
     * @return the keys a complete first run must emit, each exactly once
     */
    protected abstract Set<String> expectedKeys(FakeOrg org);

    /** @return options that make the input use small pages (at least 5 pages for 450 users) */
    protected abstract Map<String, ?> smallPages();

    /**
     * Hook: fills the fake org with what the input reads, before each test. The org comes with
     * {@code org.userCount()} users (450; 0 in the empty-org test); an input of another resource creates as many
     * objects of its own here (e.g. System Log events), so that the suite's page counts and its empty org hold for
     * it too. Default: nothing.
     *
     * @param org the test's fake org
     */
    protected void populate(FakeOrg org) {
    }

    @BeforeEach
    void populateTheOrg(FakeOrg org) {
        populate(org);
    }

    /**
     * @return the groups, apps, roles and tokens to generate in every test's org except the empty one, or null
     *         (default) for users only
     */
    protected DirectoryShape orgShape() {
        return null;
    }

    /**
     * @param request a request the fake server received
     * @return true for the pages of records (at most one batch each); by default the requests under
     *         {@link #endpoint()}. Fan-out inputs count their child pages only (the parent listing produces no batch
     *         of its own).
     */
    protected boolean isPageRequest(RecordedOktaRequest request) {
        return request.path().startsWith(endpoint());
    }

    /**
     * @return the fewest pages ({@link #isPageRequest}) the paging test expects with {@link #smallPages()}
     *         (default 5); an endpoint Okta does not page (e.g. {@code /api/v1/api-tokens}) answers in one
     */
    protected int minimumBatches() {
        return 5;
    }

    /**
     * @return true (default) when a fan-out's child requests name their parent, as {@code /groups/{id}/users} does,
     *         so that Okta's 404 for them says the parent is gone; false for a fan-out whose child is another object
     *         (a user type's schema, {@code /meta/schemas/user/{schemaId}}), where the parent-deleted test does not
     *         apply and is skipped
     */
    protected boolean childRequestsNameTheirParent() {
        return true;
    }

    private void shape(FakeOrg org) {
        DirectoryShape shape = orgShape();
        if (shape != null) {
            org.directory().generate(shape);
        }
    }

    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    private final InMemoryIdSetStore idSets = new InMemoryIdSetStore();

    private InputContext context(OktaClient client) {
        return context(client, Map.of());
    }

    private InputContext context(OktaClient client, Map<String, ?> more) {
        Map<String, Object> options = new HashMap<>(smallPages());
        options.putAll(more);
        return new InputContext(client, InputOptions.parse(input().name(), input().options(), options), idSets);
    }

    /** @return {@code batch_max_records: 0} when the input has that option (one batch per page), else nothing */
    private Map<String, ?> onePagePerBatch() {
        return input().options().stream().anyMatch(o -> o.name().equals("batch_max_records"))
                ? Map.of("batch_max_records", 0) : Map.of();
    }

    private InputRunner.Result runOnce(FakeOktaServer okta, RecordingSink sink) throws Exception {
        try (OktaClient client = okta.clientBuilder().build()) {
            return InputRunner.runOnce(input(), context(client), sink, checkpoints);
        }
    }

    private Set<String> upsertKeys(RecordingSink sink) {
        return sink.records().stream().filter(r -> r.op() == OktaRecord.Op.UPSERT).map(OktaRecord::key).collect(Collectors.toSet());
    }

    /** Many pages: every object once, one request per page, at most one batch per page (a batch never splits one). */
    @Test
    void pagesThroughEveryPageEmittingEachObjectOnce(FakeOktaServer okta, FakeOrg org, RecordingSink sink)
            throws Exception {
        shape(org);
        InputRunner.Result result = runOnce(okta, sink);
        assertThat(sink.records()).extracting(OktaRecord::key).doesNotHaveDuplicates();
        assertThat(upsertKeys(sink)).isEqualTo(expectedKeys(org));
        long pages = okta.requests().stream().filter(this::isPageRequest).count();
        assertThat(pages).isGreaterThanOrEqualTo(minimumBatches());
        assertThat(result.batches()).isBetween(1L, pages);
    }

    /** A run stopped after two batches resumes from its saved checkpoint and emits the rest, none twice. */
    @Test
    void resumesFromTheLastCommittedCheckpoint(FakeOktaServer okta, FakeOrg org, RecordingSink sink)
            throws Exception {
        shape(org);
        try (OktaClient client = okta.clientBuilder().build()) {
            // A batch per page, so that two batches are the middle of the run (batches of several pages could hold it all).
            InputContext ctx = context(client, onePagePerBatch());
            try (InputRun run = input().open(ctx, Checkpoint.empty())) {
                for (int i = 0; i < 2; i++) {
                    Batch b = run.next();
                    if (b == null) {
                        break; // an unpaged endpoint: the run was complete after one batch
                    }
                    sink.write(b.records());
                    checkpoints.save(okta.orgUrl(), input().name(), b.checkpoint());
                    b.committed();
                }
            }
            int before = sink.records().size();
            assertThat(before).isPositive();
            InputRunner.runOnce(input(), ctx, sink, checkpoints);
        }
        assertThat(sink.records()).extracting(OktaRecord::key).doesNotHaveDuplicates();
        assertThat(upsertKeys(sink)).isEqualTo(expectedKeys(org));
    }

    /** A 429 is waited out (until the reset, on the virtual clock) and the run completes. */
    @Test
    void rateLimitedThenSucceeds(FakeOktaServer okta, FakeOrg org, VirtualClock clock, RecordingSink sink) throws Exception {
        shape(org);
        okta.enqueueFault(Fault.rateLimited());
        runOnce(okta, sink);
        assertThat(upsertKeys(sink)).isEqualTo(expectedKeys(org));
        assertThat(clock.sleeps()).hasSize(1);
        assertThat(clock.sleeps().get(0).toMillis()).isBetween(1_000L, 63_000L);
    }

    /** A 503 is retried after a back-off and the run completes. */
    @Test
    void serverErrorThenSucceeds(FakeOktaServer okta, FakeOrg org, VirtualClock clock, RecordingSink sink) throws Exception {
        shape(org);
        okta.enqueueFault(Fault.status(503));
        okta.enqueueFault(Fault.dropConnection());
        runOnce(okta, sink);
        assertThat(upsertKeys(sink)).isEqualTo(expectedKeys(org));
        assertThat(clock.sleeps()).hasSize(2);
    }

    /** Bad credentials: one request, a permanent error that says what to check, no secret in it. */
    @Test
    void unauthorizedFailsClearlyWithoutRetrying(FakeOktaServer okta, FakeOrg org, VirtualClock clock, RecordingSink sink) {
        shape(org);
        String wrong = "00wrongTokenThatMustNotLeak0000000000000000";
        try (OktaClient client = okta.clientBuilder(new ApiKeyCredentials(Secret.of(wrong))).build()) {
            assertThatThrownBy(() -> InputRunner.runOnce(input(), context(client), sink, checkpoints))
                    .isInstanceOfSatisfying(OktaAuthenticationException.class, e -> assertThat(e.isRetriable()).isFalse())
                    .hasMessageContaining("E0000011").hasMessageContaining("API token").hasMessageNotContaining(wrong);
        }
        assertThat(okta.requestCount()).isEqualTo(1);
        assertThat(clock.sleeps()).isEmpty();
        assertThat(sink.records()).isEmpty();
        assertThat(checkpoints.load(okta.orgUrl(), input().name())).isEmpty();
    }

    /** Missing permission: a permanent error naming the scope to grant. */
    @Test
    void forbiddenNamesWhatIsMissing(FakeOktaServer okta, FakeOrg org, RecordingSink sink) {
        shape(org);
        okta.denyPermission(endpoint());
        assertThatThrownBy(() -> runOnce(okta, sink))
                .isInstanceOf(OktaPermissionException.class)
                .hasMessageContaining("E0000006")
                .hasMessageContaining(input().requiredScopes().iterator().next());
        assertThat(okta.requestCount()).isEqualTo(1);
    }

    /**
     * Fan-out inputs: a parent (group, app, role assignee) deleted right after the parent listing showed it makes its
     * child listing answer 404 E0000007. The run goes on, emits a DELETE for each of the parent's known edges and
     * nothing else, every other edge as before, and counts the parent as vanished. Skipped for inputs that do not fan
     * out.
     */
    @Test
    void parentDeletedRightAfterListingDeletesItsEdgesAndTheRunGoesOn(FakeOktaServer okta, FakeOrg org,
                                                                    RecordingSink sink) throws Exception {
        shape(org);
        try (OktaClient client = okta.clientBuilder().build()) {
            try (InputRun run = input().open(context(client), Checkpoint.empty())) {
                assumeTrue(run instanceof FanOutRun, "only inputs that fan out over a parent listing");
                assumeTrue(childRequestsNameTheirParent(), "only fan-outs whose child requests name their parent");
            }
            InputRunner.runOnce(input(), context(client), sink, checkpoints); // every edge is known now
            Set<String> before = upsertKeys(sink);
            String everyone = org.directory().everyoneGroupId();
            String parent = before.stream().map(k -> k.substring(0, k.indexOf('/'))).filter(p -> !p.equals(everyone))
                    .sorted().findFirst().orElseThrow();
            Set<String> itsEdges = before.stream().filter(k -> k.startsWith(parent + "/")).collect(Collectors.toSet());
            okta.deleteRightAfterListing(parent);

            RecordingSink second = new RecordingSink();
            InputRunner.Result result = InputRunner.runOnce(input(), context(client, Map.of("full_sync", true)), second,
                    checkpoints);

            assertThat(okta.requests()).anyMatch(r -> r.path().contains("/" + parent + "/")); // its children: 404
            assertThat(result.parentsVanished()).isEqualTo(1);
            assertThat(second.records()).filteredOn(r -> r.op() == OktaRecord.Op.DELETE).extracting(OktaRecord::key)
                    .containsExactlyInAnyOrderElementsOf(itsEdges);
            Set<String> rest = new java.util.HashSet<>(before);
            rest.removeAll(itsEdges);
            assertThat(upsertKeys(second)).isEqualTo(rest);
        }
    }

    /** An org with nothing in it: the run completes with no record and saves a checkpoint. */
    @Test
    @FakeOkta(users = 0)
    void emptyOrgCompletesWithNoRecords(FakeOktaServer okta, RecordingSink sink) throws Exception {
        InputRunner.Result result = runOnce(okta, sink);
        assertThat(result.records()).isZero();
        assertThat(sink.records()).isEmpty();
        assertThat(checkpoints.load(okta.orgUrl(), input().name())).isPresent();
    }
}
