package dev.oktainputs.groups;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.core.Batch;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRun;
import dev.oktainputs.core.InputRunner;
import dev.oktainputs.core.Inputs;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.config.InputOptions;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.json.JsonFields;
import dev.oktainputs.core.state.InMemoryCheckpointStore;
import dev.oktainputs.core.state.InMemoryIdSetStore;
import dev.oktainputs.testkit.DirectoryShape;
import dev.oktainputs.testkit.FakeGroup;
import dev.oktainputs.testkit.FakeOktaExtension;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.RecordingSink;
import dev.oktainputs.testkit.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GroupsInputTest {

    @RegisterExtension
    static FakeOktaExtension okta = FakeOktaExtension.builder().users(300).seed(3)
            .directory(DirectoryShape.of(120, 8, 4, 20)).build();

    private final OktaInput input = new GroupsInput();
    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    private final InMemoryIdSetStore idSets = new InMemoryIdSetStore();

    private InputRunner.Result run(OktaClient client, RecordingSink sink, Map<String, ?> options) throws Exception {
        return InputRunner.runOnce(input, context(client, options), sink, checkpoints);
    }

    private InputContext context(OktaClient client, Map<String, ?> options) {
        return new InputContext(client, InputOptions.parse("groups", input.options(), options), idSets);
    }

    private Checkpoint checkpoint(FakeOktaServer okta) {
        return checkpoints.load(okta.orgUrl(), "groups").orElseThrow();
    }

    /** Groups whose members can be edited (not Everyone), in id order. */
    private static List<FakeGroup> plainGroups(FakeOrg org) {
        return org.directory().groups().stream().filter(g -> g.type() != FakeGroup.Type.BUILT_IN).toList();
    }

    private static String nonMember(FakeOrg org, String groupId) {
        List<String> members = org.directory().members(groupId);
        return org.users().stream().map(u -> u.id()).filter(u -> !members.contains(u)).findFirst().orElseThrow();
    }

    private static String lastMembershipUpdated(OktaRecord r) {
        return JsonFields.read(r.json(), "lastMembershipUpdated");
    }

    @Test
    void withoutFollowingMembershipEmitsEveryGroupOnceThenOnlyProfileChangesThenDeletesOnTheFullSync(FakeOktaServer okta,
            FakeOrg org, VirtualClock clock, RecordingSink sink) throws Exception {
        Map<String, Object> options = Map.of("page_size", 50, "full_sync_every", 2, "follow_membership_changes", false);
        try (OktaClient client = okta.clientBuilder().build()) {
            run(client, sink, options);
            assertThat(sink.keys("groups")).hasSize(120).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(org.directory().groups().stream().map(FakeGroup::id).toList());
            assertThat(okta.requests().get(0).queryParameter("filter")).isEqualTo("lastUpdated gt \"1970-01-01T00:00:00.000Z\"");
            assertThat(sink.records("groups")).allSatisfy(r -> assertThat(r.jsonString())
                    .isEqualTo(org.directory().group(r.key()).orElseThrow().json()));

            clock.advance(Duration.ofMinutes(10));
            List<FakeGroup> groups = org.directory().groups();
            org.directory().renameGroup(groups.get(5).id(), "Renamed");
            org.directory().addMember(groups.get(6).id(), org.users().get(0).id()); // membership only: not a profile change
            sink.clear();
            okta.takeRequests();
            run(client, sink, options);
            assertThat(sink.keys("groups")).containsExactly(groups.get(5).id());
            // since = the previous run's start by Okta's clock (00:00:00) less the 1 s overlap
            assertThat(okta.requests().get(0).queryParameter("filter")).isEqualTo("lastUpdated ge \"2024-12-31T23:59:59.000Z\"");
            // the checkpoint is exactly what versions without follow_membership_changes wrote
            assertThat(checkpoint(okta).values()).doesNotContainKey("since_attributes");

            clock.advance(Duration.ofMinutes(10));
            org.directory().deleteGroup(groups.get(7).id());
            sink.clear();
            InputRunner.Result third = run(client, sink, options); // full_sync_every 2: full, incremental, full
            assertThat(third.deletes()).isEqualTo(1);
            assertThat(sink.records("groups").stream().filter(r -> r.op() == OktaRecord.Op.DELETE).map(OktaRecord::key))
                    .containsExactly(groups.get(7).id());
            assertThat(sink.records("groups")).hasSize(120);
        }
    }

    @Test
    void aMembershipOnlyChangeReEmitsThatGroupWithItsNewLastMembershipUpdatedAndNothingElse(FakeOktaServer okta, FakeOrg org,
            VirtualClock clock, RecordingSink sink) throws Exception {
        Map<String, Object> options = Map.of("page_size", 50);
        try (OktaClient client = okta.clientBuilder().build()) {
            run(client, sink, options);
            assertThat(sink.keys("groups")).hasSize(120);
            assertThat(checkpoint(okta).getString("since_attributes")).isEqualTo("lastUpdated,lastMembershipUpdated");

            clock.advance(Duration.ofMinutes(10));
            FakeGroup before = plainGroups(org).get(6);
            String user = nonMember(org, before.id());
            assertThat(org.directory().addMember(before.id(), user)).isTrue();
            FakeGroup after = org.directory().group(before.id()).orElseThrow();
            assertThat(after.lastUpdated()).isEqualTo(before.lastUpdated());
            assertThat(after.lastMembershipUpdated()).isAfter(before.lastMembershipUpdated());
            sink.clear();
            okta.takeRequests();
            InputRunner.Result second = run(client, sink, options);
            assertThat(second.deletes()).isZero();
            assertThat(sink.keys("groups")).containsExactly(before.id());
            OktaRecord r = sink.records("groups").get(0);
            assertThat(r.jsonString()).isEqualTo(after.json());
            assertThat(lastMembershipUpdated(r)).isNotEqualTo(JsonFields.read(before.json().getBytes(UTF_8), "lastMembershipUpdated"));
            assertThat(Instant.parse(lastMembershipUpdated(r))).isEqualTo(after.lastMembershipUpdated());
            assertThat(r.timestamp()).isEqualTo(before.lastUpdated()); // the record's timestamp stays lastUpdated
            assertThat(okta.requests()).hasSize(1);
            assertThat(okta.requests().get(0).queryParameter("filter")).isEqualTo(
                    "lastUpdated ge \"2024-12-31T23:59:59.000Z\" or lastMembershipUpdated ge \"2024-12-31T23:59:59.000Z\"");

            // the next run looks from this run's start less 1 s, so it lists the group again: already emitted, dropped
            sink.clear();
            okta.takeRequests();
            run(client, sink, options);
            assertThat(okta.requests().get(0).queryParameter("filter")).startsWith("lastUpdated ge \"2025-01-01T00:09:59.000Z\"");
            assertThat(sink.records()).isEmpty();

            // another membership change inside the same overlap window is a new version: emitted
            clock.advance(Duration.ofMillis(300));
            assertThat(org.directory().removeMember(before.id(), user)).isTrue();
            FakeGroup removed = org.directory().group(before.id()).orElseThrow();
            sink.clear();
            run(client, sink, options);
            assertThat(sink.keys("groups")).containsExactly(before.id());
            assertThat(Instant.parse(lastMembershipUpdated(sink.records("groups").get(0))))
                    .isEqualTo(removed.lastMembershipUpdated()).isAfter(after.lastMembershipUpdated());
        }
    }

    @Test
    void anOldCheckpointResumesItsRunThenOneFullSyncCatchesUpOnMembershipChanges(FakeOktaServer okta, FakeOrg org,
            VirtualClock clock, RecordingSink sink) throws Exception {
        // a batch per page of two: the run below stops after its first page
        Map<String, Object> old = Map.of("page_size", 2, "follow_membership_changes", false, "batch_max_records", 0);
        Map<String, Object> now = Map.of("page_size", 2);
        List<FakeGroup> groups = plainGroups(org);
        try (OktaClient client = okta.clientBuilder().build()) {
            run(client, sink, old);
            Checkpoint legacy = checkpoint(okta);
            assertThat(legacy.values()).containsKeys("since", "seen", "runs_since_full").doesNotContainKey("since_attributes");

            // an incremental run of the old behaviour stops after its first page
            clock.advance(Duration.ofMinutes(10));
            for (int i : new int[] {10, 20, 30}) {
                org.directory().renameGroup(groups.get(i).id(), "Renamed " + i);
            }
            // missed by the old filter
            assertThat(org.directory().addMember(groups.get(40).id(), nonMember(org, groups.get(40).id()))).isTrue();
            sink.clear();
            okta.takeRequests();
            // no page in flight when the run stops
            try (OktaClient oneAtATime = okta.clientBuilder().prefetchPages(false).build();
                 InputRun run = input.open(context(oneAtATime, old), legacy)) {
                Batch b = run.next();
                sink.write(b.records());
                checkpoints.save(okta.orgUrl(), "groups", b.checkpoint());
                b.committed();
            }
            Checkpoint stopped = checkpoint(okta);
            assertThat(stopped.getString("next")).isNotNull();
            assertThat(stopped.values()).doesNotContainKey("since_attributes");
            assertThat(sink.keys("groups")).containsExactly(groups.get(10).id(), groups.get(20).id());

            // upgraded: the run resumes on its next page (the old filter is in it), none twice
            clock.advance(Duration.ofMinutes(1));
            okta.takeRequests();
            InputRunner.Result resumed = run(client, sink, now);
            assertThat(resumed.deletes()).isZero();
            assertThat(sink.keys("groups")).containsExactly(groups.get(10).id(), groups.get(20).id(), groups.get(30).id());
            assertThat(okta.requests().get(0).queryParameter("after")).isNotNull();
            assertThat(okta.requests().get(0).queryParameter("filter")).startsWith("lastUpdated ge ").doesNotContain(" or ");
            // its since covers lastUpdated only
            assertThat(checkpoint(okta).values()).doesNotContainKey("since_attributes").doesNotContainKey("next");

            // so the next run is a full sync, once: every group, the one whose members changed with its fresh value
            clock.advance(Duration.ofMinutes(1));
            sink.clear();
            okta.takeRequests();
            InputRunner.Result full = run(client, sink, now);
            assertThat(full.deletes()).isZero();
            assertThat(sink.keys("groups")).hasSize(120).doesNotHaveDuplicates();
            assertThat(okta.requests().get(0).queryParameter("filter")).isEqualTo("lastUpdated gt \"1970-01-01T00:00:00.000Z\"");
            assertThat(sink.records("groups")).allSatisfy(r -> assertThat(r.jsonString())
                    .isEqualTo(org.directory().group(r.key()).orElseThrow().json()));
            assertThat(checkpoint(okta).getString("since_attributes")).isEqualTo("lastUpdated,lastMembershipUpdated");
            assertThat(checkpoint(okta).getLong("runs_since_full", -1)).isZero();

            // and from then on membership changes are followed incrementally
            clock.advance(Duration.ofMinutes(1));
            assertThat(org.directory().addMember(groups.get(50).id(), nonMember(org, groups.get(50).id()))).isTrue();
            sink.clear();
            okta.takeRequests();
            run(client, sink, now);
            assertThat(sink.keys("groups")).containsExactly(groups.get(50).id());
            assertThat(okta.requests().get(0).queryParameter("filter")).contains(" or lastMembershipUpdated ge ");

            // turning the option off again needs no full sync: since covers lastUpdated too
            clock.advance(Duration.ofMinutes(1));
            assertThat(org.directory().addMember(groups.get(60).id(), nonMember(org, groups.get(60).id()))).isTrue();
            sink.clear();
            okta.takeRequests();
            run(client, sink, old);
            assertThat(sink.records()).isEmpty();
            assertThat(okta.requests().get(0).queryParameter("filter")).startsWith("lastUpdated ge ").doesNotContain(" or ");
            assertThat(checkpoint(okta).values()).doesNotContainKey("since_attributes");
        }
    }

    @Test
    void importRulesLabelGroupsByIdAndName(FakeOktaServer okta, FakeOrg org, RecordingSink sink)
            throws Exception {
        String everyone = org.directory().everyoneGroupId();
        String rules = "{\"kind\":\"okta_import_rule\",\"version\":\"v1\",\"metadata\":{\"name\":\"r\"},\"spec\":{\"priority\":1,"
                + "\"mappings\":[{\"match\":[{\"group_name_regexes\":[\"^Engineering\"]}],\"add_labels\":{\"team\":\"eng\"}},"
                + "{\"match\":[{\"group_ids\":[\"" + everyone + "\"]}],\"add_labels\":{\"scope\":\"all\"}}]}}";
        try (OktaClient client = okta.clientBuilder().build()) {
            run(client, sink, Map.of("import_rules", rules));
        }
        Map<String, Map<String, String>> labels = sink.records("groups").stream()
                .collect(Collectors.toMap(OktaRecord::key, OktaRecord::labels));
        assertThat(labels.get(everyone)).isEqualTo(Map.of("scope", "all"));
        org.directory().groups().forEach(g -> {
            if (g.name().startsWith("Engineering")) {
                assertThat(labels.get(g.id())).isEqualTo(Map.of("team", "eng"));
            } else if (!g.id().equals(everyone)) {
                assertThat(labels.get(g.id())).isEmpty();
            }
        });
        assertThat(labels.values().stream().filter(l -> l.containsKey("team"))).hasSizeGreaterThan(3);
    }

    @Test
    void bothInputsAreDiscoverableByName() {
        assertThat(Inputs.byName("groups")).isInstanceOf(GroupsInput.class);
        assertThat(Inputs.byName("group_members")).isInstanceOf(GroupMembersInput.class);
        assertThat(Inputs.byName("group_members").requiredScopes()).containsExactly("okta.groups.read");
    }
}
