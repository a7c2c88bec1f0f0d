package dev.oktainputs.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.core.Batch;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRun;
import dev.oktainputs.core.InputRunner;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.config.InputOptions;
import dev.oktainputs.core.error.OktaNotFoundException;
import dev.oktainputs.core.fanout.FanOutPosition;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.state.FileCheckpointStore;
import dev.oktainputs.core.state.FileIdSetStore;
import dev.oktainputs.core.state.IdSetStore;
import dev.oktainputs.core.state.InMemoryCheckpointStore;
import dev.oktainputs.core.state.InMemoryIdSetStore;
import dev.oktainputs.testkit.DirectoryShape;
import dev.oktainputs.testkit.FakeDirectory;
import dev.oktainputs.testkit.FakeGroup;
import dev.oktainputs.testkit.FakeOktaExtension;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.Fault;
import dev.oktainputs.testkit.RecordingSink;
import dev.oktainputs.testkit.VirtualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class GroupMembersInputTest {

    @RegisterExtension
    static FakeOktaExtension okta = FakeOktaExtension.builder().users(400).seed(9)
            .directory(DirectoryShape.of(80, 25, 0, 0)).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    private final OktaInput input = new GroupMembersInput();
    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    private final InMemoryIdSetStore idSets = new InMemoryIdSetStore();

    private InputContext context(OktaClient client, Map<String, ?> options) {
        return new InputContext(client, InputOptions.parse("group_members", input.options(), options), idSets);
    }

    private InputRunner.Result run(OktaClient client, RecordingSink sink, Map<String, ?> options) throws Exception {
        return InputRunner.runOnce(input, context(client, options), sink, checkpoints);
    }

    private static Set<String> memberRequests(FakeOktaServer okta) {
        return okta.takeRequests().stream().filter(r -> r.path().endsWith("/users"))
                .map(r -> r.path().split("/")[4]).collect(Collectors.toSet());
    }

    @Test
    void edgesCarryBothIdsAndTheMembersLoginAndStatus(FakeOktaServer okta, FakeOrg org,
                                                      RecordingSink sink) throws Exception {
        try (OktaClient client = okta.clientBuilder().build()) {
            run(client, sink, Map.of("page_size", 200));
        }
        assertThat(new HashSet<>(sink.keys("group_members"))).isEqualTo(org.directory().membershipKeys());
        assertThat(sink.keys("group_members")).doesNotHaveDuplicates();
        for (OktaRecord r : sink.records("group_members").subList(0, 50)) {
            JsonNode edge = JSON.readTree(r.jsonString());
            String[] ids = r.key().split("/");
            assertThat(edge.get("groupId").asText()).isEqualTo(ids[0]);
            assertThat(edge.get("userId").asText()).isEqualTo(ids[1]);
            assertThat(edge.get("login").asText()).isEqualTo(org.user(ids[1]).orElseThrow().login());
            assertThat(edge.get("status").asText()).isEqualTo(org.user(ids[1]).orElseThrow().status());
            assertThat(r.timestamp()).isEqualTo(org.directory().group(ids[0]).orElseThrow().lastMembershipUpdated());
        }
        assertThat(okta.requests()).filteredOn(r -> r.path().endsWith("/users"))
                .allSatisfy(r -> assertThat(r.queryParameter("limit")).isEqualTo("200"));
    }

    @Test
    void nextRunRelistsOnlyChangedGroupsAndEmitsExactlyTheChanges(FakeOktaServer okta, FakeOrg org, VirtualClock clock,
                                                                  RecordingSink sink) throws Exception {
        FakeDirectory dir = org.directory();
        String labelled = dir.groups().get(10).id();
        String rules = "{\"priority\":1,\"mappings\":[{\"match\":[{\"group_ids\":[\"" + labelled + "\"]}],\"add_labels\":{\"t\":\"x\"}}]}";
        Map<String, Object> options = Map.of("import_rules", rules);
        try (OktaClient client = okta.clientBuilder().build()) {
            run(client, sink, options);
            clock.advance(Duration.ofMinutes(15));
            List<String> removed = dir.removeRandomMemberships(4);
            String removedFromLabelled = dir.members(labelled).get(0);
            dir.removeMember(labelled, removedFromLabelled);
            String newcomer = org.users().stream().map(u -> u.id()).filter(u -> !dir.members(labelled).contains(u))
                    .findFirst().orElseThrow();
            dir.addMember(labelled, newcomer);
            clock.advance(Duration.ofMinutes(1)); // the changes are older than the next run's start
            sink.clear();
            okta.takeRequests();

            run(client, sink, options);
            Set<String> changedGroups = removed.stream().map(k -> k.split("/")[0]).collect(Collectors.toSet());
            changedGroups.add(labelled);
            assertThat(memberRequests(okta)).isEqualTo(changedGroups);
            assertThat(sink.records().stream().filter(r -> r.op() == OktaRecord.Op.DELETE).map(OktaRecord::key))
                    .containsExactlyInAnyOrderElementsOf(concat(removed, labelled + "/" + removedFromLabelled));
            assertThat(sink.records().stream().filter(r -> r.op() == OktaRecord.Op.UPSERT).map(OktaRecord::key))
                    .containsExactly(labelled + "/" + newcomer);
            assertThat(sink.records()).filteredOn(r -> r.key().startsWith(labelled))
                    .allSatisfy(r -> assertThat(r.labels()).isEqualTo(Map.of("t", "x")));

            clock.advance(Duration.ofMinutes(15));
            sink.clear();
            run(client, sink, options);
            assertThat(sink.records()).isEmpty();
            assertThat(memberRequests(okta)).isEmpty();
        }
    }

    private static List<String> concat(List<String> a, String b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.add(b);
        return all;
    }

    @Test
    void aDeletedGroupsEdgesGoOnTheNextFullSync(FakeOktaServer okta, FakeOrg org, VirtualClock clock, RecordingSink sink)
            throws Exception {
        FakeDirectory dir = org.directory();
        FakeGroup doomed = dir.groups().stream().filter(g -> g.type() != FakeGroup.Type.BUILT_IN && dir.members(g.id()).size() > 2)
                .findFirst().orElseThrow();
        List<String> edges = dir.members(doomed.id()).stream().map(u -> doomed.id() + "/" + u).toList();
        try (OktaClient client = okta.clientBuilder().build()) {
            run(client, sink, Map.of("full_sync_every", 2));
            clock.advance(Duration.ofMinutes(5));
            dir.deleteGroup(doomed.id());
            sink.clear();
            run(client, sink, Map.of("full_sync_every", 2));
            assertThat(sink.records()).isEmpty(); // the deleted group is not in a lastMembershipUpdated listing
            clock.advance(Duration.ofMinutes(5));
            run(client, sink, Map.of("full_sync_every", 2));
        }
        assertThat(sink.records().stream().filter(r -> r.op() == OktaRecord.Op.DELETE).map(OktaRecord::key))
                .containsExactlyInAnyOrderElementsOf(edges);
        assertThat(sink.records().stream().filter(r -> r.op() == OktaRecord.Op.UPSERT).count())
                .isEqualTo(dir.membershipKeys().size());
    }

    /** A group with a few members, not the first in listing order (so groups before and after it are listed). */
    private static FakeGroup doomed(FakeDirectory dir) {
        return dir.groups().stream().skip(1).filter(g -> g.type() != FakeGroup.Type.BUILT_IN && dir.members(g.id()).size() > 2)
                .findFirst().orElseThrow();
    }

    private static List<String> keys(RecordingSink sink, OktaRecord.Op op) {
        return sink.records().stream().filter(r -> r.op() == op).map(OktaRecord::key).toList();
    }

    @Test
    void aGroupDeletedMidFullSyncHasItsEdgesDeletedAtOnceAndTheRunGoesOn(FakeOktaServer okta, FakeOrg org,
            VirtualClock clock, RecordingSink sink) throws Exception {
        FakeDirectory dir = org.directory();
        FakeGroup doomed = doomed(dir);
        List<String> edges = dir.members(doomed.id()).stream().map(u -> doomed.id() + "/" + u).toList();
        Map<String, Object> options = Map.of("page_size", 5, "groups_page_size", 10);
        try (OktaClient client = okta.clientBuilder().build()) {
            run(client, sink, options);
            clock.advance(Duration.ofMinutes(5));
            sink.clear();
            okta.deleteRightAfterListing(doomed.id());

            InputRunner.Result result = run(client, sink, Map.of("page_size", 5, "groups_page_size", 10, "full_sync", true));

            assertThat(result.parentsVanished()).isEqualTo(1);
            assertThat(keys(sink, OktaRecord.Op.DELETE)).containsExactlyInAnyOrderElementsOf(edges);
            assertThat(new HashSet<>(keys(sink, OktaRecord.Op.UPSERT))).isEqualTo(dir.membershipKeys());
            // at once, in the group's place in the listing: the groups listed after it come after its DELETEs
            int lastDelete = sink.records().stream().map(OktaRecord::op).toList().lastIndexOf(OktaRecord.Op.DELETE);
            assertThat(sink.records().subList(lastDelete + 1, sink.records().size()))
                    .anySatisfy(r -> assertThat(r.key()).isGreaterThan(doomed.id()));
            assertThat(checkpoints.load(okta.orgUrl(), "group_members").orElseThrow().values()).doesNotContainKey("phase");

            clock.advance(Duration.ofMinutes(5));
            sink.clear();
            run(client, sink, Map.of("page_size", 5, "groups_page_size", 10, "full_sync", true));
            assertThat(keys(sink, OktaRecord.Op.DELETE)).as("deleted once").isEmpty();
        }
    }

    @Test
    void aChangedGroupDeletedMidIncrementalRunHasEveryKnownEdgeDeleted(FakeOktaServer okta, FakeOrg org,
            VirtualClock clock, RecordingSink sink) throws Exception {
        FakeDirectory dir = org.directory();
        FakeGroup doomed = doomed(dir);
        List<String> edges = dir.members(doomed.id()).stream().map(u -> doomed.id() + "/" + u).toList();
        Map<String, Object> options = Map.of("full_sync_every", 100);
        try (OktaClient client = okta.clientBuilder().build()) {
            run(client, sink, options);
            clock.advance(Duration.ofMinutes(15));
            dir.removeMember(doomed.id(), dir.members(doomed.id()).get(0)); // its lastMembershipUpdated moves
            clock.advance(Duration.ofMinutes(1));
            okta.deleteRightAfterListing(doomed.id());
            sink.clear();
            okta.takeRequests();

            InputRunner.Result result = run(client, sink, options);

            assertThat(okta.requests()).filteredOn(r -> r.path().equals("/api/v1/groups"))
                    .allSatisfy(r -> assertThat(r.queryParameter("filter")).startsWith("lastMembershipUpdated ge"));
            assertThat(result.parentsVanished()).isEqualTo(1);
            assertThat(keys(sink, OktaRecord.Op.DELETE)).as("every edge the id set holds, the one removed before too")
                    .containsExactlyInAnyOrderElementsOf(edges);
            assertThat(keys(sink, OktaRecord.Op.UPSERT)).isEmpty();

            clock.advance(Duration.ofMinutes(15));
            sink.clear();
            run(client, sink, Map.of("full_sync", true));
            assertThat(keys(sink, OktaRecord.Op.DELETE)).as("the id set dropped them: no second DELETE").isEmpty();
            assertThat(new HashSet<>(keys(sink, OktaRecord.Op.UPSERT))).isEqualTo(dir.membershipKeys());
        }
    }

    @Test
    void a404OnTheGroupListingStillFailsTheRun(FakeOktaServer okta, FakeOrg org, RecordingSink sink) {
        okta.enqueueFault(Fault.status(404).onlyFor("/api/v1/groups"));
        try (OktaClient client = okta.clientBuilder().build()) {
            assertThatThrownBy(() -> run(client, sink, Map.of()))
                    .isInstanceOf(OktaNotFoundException.class)
                    .hasMessageContaining("GET /api/v1/groups").hasMessageContaining("E0000007")
                    .hasMessageContaining("Fix: check the org URL");
        }
        assertThat(okta.requests()).hasSize(1);
        assertThat(sink.records()).isEmpty();
        assertThat(checkpoints.load(okta.orgUrl(), "group_members")).isEmpty();
    }

    @Test
    void aCrashMidGroupResumesOnTheNextMembersPageWithNothingLostOrRepeated(FakeOktaServer okta, FakeOrg org, RecordingSink sink, @TempDir Path state) throws Exception {
        FileCheckpointStore files = new FileCheckpointStore(state);
        try (OktaClient client = okta.clientBuilder().build()) {
            InputContext ctx = new InputContext(client, InputOptions.parse("group_members", input.options(),
                    // a full page (10) never joins a batch under batch_max_records 10: a group's first page ends one
                    Map.of("page_size", 10, "groups_page_size", 9, "concurrency", 3, "batch_max_records", 10)),
                    new FileIdSetStore(state));
            Checkpoint midGroup = null;
            try (InputRun r = input.open(ctx, Checkpoint.empty())) {
                for (int i = 0; i < 30; i++) {
                    Batch b = r.next();
                    sink.write(b.records());
                    files.save(okta.orgUrl(), "group_members", b.checkpoint());
                    b.committed();
                    if (b.checkpoint().getString(FanOutPosition.CHILD_NEXT) != null) {
                        midGroup = b.checkpoint();
                        break;
                    }
                }
                r.next(); // fetched, never written: the crash
            }
            assertThat(midGroup).as("stopped inside a group of several pages").isNotNull();
            InputRunner.runOnce(input, ctx, sink, files);
        }
        assertThat(sink.keys("group_members")).doesNotHaveDuplicates();
        assertThat(new HashSet<>(sink.keys("group_members"))).isEqualTo(org.directory().membershipKeys());
        assertThat(files.load(okta.orgUrl(), "group_members").orElseThrow().values()).doesNotContainKey("phase");
    }

    /** Counts the id-set segments written: one per batch at most, whatever number of pages a batch holds. */
    private static final class CountingIdSets implements IdSetStore {
        private final InMemoryIdSetStore store = new InMemoryIdSetStore();
        int segments;

        @Override
        public Set<String> load(String org, String stream, long generation, int segments) {
            return store.load(org, stream, generation, segments);
        }

        @Override
        public void saveBase(String org, String stream, long generation, Collection<String> ids) {
            store.saveBase(org, stream, generation, ids);
        }

        @Override
        public void saveSegment(String org, String stream, long generation, int segment, Collection<String> ids) {
            segments++;
            store.saveSegment(org, stream, generation, segment, ids);
        }

        @Override
        public void retainOnly(String org, String stream, long generation, int segments) {
            store.retainOnly(org, stream, generation, segments);
        }
    }

    private record Drained(List<Batch> batches, int segments) {
    }

    private Drained drain(OktaClient client, Map<String, ?> options) throws Exception {
        CountingIdSets ids = new CountingIdSets();
        InputContext ctx = new InputContext(client, InputOptions.parse("group_members", input.options(), options), ids);
        List<Batch> batches = new java.util.ArrayList<>();
        try (InputRun r = input.open(ctx, Checkpoint.empty())) {
            Batch b;
            while ((b = r.next()) != null) {
                batches.add(b);
                b.committed();
            }
        }
        return new Drained(batches, ids.segments);
    }

    @Test
    void batchesGatherWholeMemberPagesUpToTheBoundWithOneIdSegmentEach(FakeOktaServer okta, FakeOrg org) throws Exception {
        Drained d;
        try (OktaClient client = okta.clientBuilder().build()) {
            okta.takeRequests();
            d = drain(client, Map.of("page_size", 10, "concurrency", 4, "batch_max_records", 40));
        }
        long memberPages = okta.takeRequests().stream().filter(r -> r.path().endsWith("/users")).count();
        List<String> keys = d.batches().stream().flatMap(b -> b.records().stream()).map(OktaRecord::key).toList();
        assertThat(keys).doesNotHaveDuplicates();
        assertThat(new HashSet<>(keys)).isEqualTo(org.directory().membershipKeys());
        // a first run upserts every member listed and deletes nothing, so a batch's records are its pages' members
        assertThat(d.batches()).allSatisfy(b -> assertThat(b.records().size()).isLessThanOrEqualTo(40));
        assertThat((long) d.batches().size()).isBetween(1L, memberPages);
        assertThat(d.segments()).isLessThanOrEqualTo(d.batches().size());
        // whole pages, in order: the records are those of one batch per page, and every batch ends where a page ends
        List<Batch> perPage;
        try (OktaClient client = okta.clientBuilder().build()) {
            perPage = drain(client, Map.of("page_size", 10, "concurrency", 1, "batch_max_records", 0)).batches();
        }
        assertThat(keys).isEqualTo(perPage.stream().flatMap(b -> b.records().stream()).map(OktaRecord::key).toList());
        assertThat(ends(perPage)).containsAll(ends(d.batches()));
        // and not by timing: the next pages join as they arrive while they fit (the groups are on one parent page)
        List<Integer> expected = new java.util.ArrayList<>();
        int listed = 0;
        for (Batch page : perPage) {
            int n = page.records().size();
            if (expected.isEmpty() || listed >= 40 || n > 40 - listed) {
                expected.add(n);
                listed = n;
            } else {
                expected.set(expected.size() - 1, expected.get(expected.size() - 1) + n);
                listed += n;
            }
        }
        assertThat(d.batches()).extracting(b -> b.records().size()).containsExactlyElementsOf(expected);
    }

    /** @return where each batch ends, counted in records from the start of the run */
    private static List<Integer> ends(List<Batch> batches) {
        List<Integer> ends = new java.util.ArrayList<>();
        int n = 0;
        for (Batch b : batches) {
            n += b.records().size();
            ends.add(n);
        }
        return ends;
    }

    @Test
    void batchMaxRecordsZeroMakesOneBatchPerMemberPage(FakeOktaServer okta, FakeOrg org)
            throws Exception {
        Drained d;
        try (OktaClient client = okta.clientBuilder().build()) {
            okta.takeRequests();
            d = drain(client, Map.of("page_size", 10, "concurrency", 4, "batch_max_records", 0));
        }
        long memberPages = okta.takeRequests().stream().filter(r -> r.path().endsWith("/users")).count();
        assertThat((long) d.batches().size()).isEqualTo(memberPages);
        assertThat(d.batches()).allSatisfy(b -> assertThat(b.records().size()).isLessThanOrEqualTo(10));
    }

    /**
     * Deterministic: the first group (one member, one page) is held back by the network until the second group's
     * third members request goes out, which its worker sends only after queueing its first two pages. So when the
     * first batch is made, those two pages are fetched already and must join it.
     */
    @Test
    void aBatchTakesThePagesFetchedAlreadyWithoutWaitingForMore(FakeOktaServer okta, FakeOrg org)
            throws Exception {
        FakeDirectory dir = org.directory();
        String first = dir.groups().get(0).id();
        String second = dir.groups().get(1).id();
        assertThat(dir.everyoneGroupId()).isNotEqualTo(first);
        dir.members(first).forEach(u -> dir.removeMember(first, u));
        String only = org.users().get(0).id();
        dir.addMember(first, only);
        if (!second.equals(dir.everyoneGroupId())) {
            org.users().stream().limit(12).forEach(u -> dir.addMember(second, u.id()));
        }
        java.util.concurrent.CountDownLatch secondsThird = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger secondsRequests = new java.util.concurrent.atomic.AtomicInteger();
        okhttp3.OkHttpClient network = new okhttp3.OkHttpClient.Builder().addNetworkInterceptor(chain -> {
            String path = chain.request().url().encodedPath();
            if (path.equals("/api/v1/groups/" + second + "/users") && secondsRequests.incrementAndGet() == 3) {
                secondsThird.countDown();
            }
            if (path.equals("/api/v1/groups/" + first + "/users")) {
                try {
                    secondsThird.await(30, java.util.concurrent.TimeUnit.SECONDS); // a bound for a broken test only
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return chain.proceed(chain.request());
        }).build();
        try (OktaClient client = okta.clientBuilder().okHttpClient(network).build();
             InputRun r = input.open(new InputContext(client, InputOptions.parse("group_members", input.options(),
                     Map.of("page_size", 5, "concurrency", 2)), idSets), Checkpoint.empty())) {
            Batch b = r.next();
            assertThat(secondsThird.getCount()).isZero();
            List<String> keys = b.records().stream().map(OktaRecord::key).toList();
            List<String> expected = new java.util.ArrayList<>(List.of(first + "/" + only));
            dir.members(second).subList(0, 10).forEach(u -> expected.add(second + "/" + u));
            assertThat(keys).hasSizeGreaterThanOrEqualTo(11);
            assertThat(keys.subList(0, 11)).isEqualTo(expected);
        }
    }
}
