package dev.oktainputs.groups;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRunner;
import dev.oktainputs.core.Inputs;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.Secret;
import dev.oktainputs.core.auth.ApiKeyCredentials;
import dev.oktainputs.core.config.InputOptions;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.store.InMemoryCheckpointStore;
import dev.oktainputs.core.store.InMemoryIdSetStore;
import dev.oktainputs.testkit.DirectoryShape;
import dev.oktainputs.testkit.FakeGroup;
import dev.oktainputs.testkit.FakeOktaExtension;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.RecordingSink;
import dev.oktainputs.testkit.VirtualClock;
import java.time.Duration;
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
        return InputRunner.runOnce(input, new InputContext(client, InputOptions.parse("groups", input.options(), options), idSets),
                sink, checkpoints);
    }

    private static OktaClient client(FakeOktaServer okta, VirtualClock clock) {
        return OktaClient.builder(OrgUrl.parse(okta.orgUrl()), new ApiKeyCredentials(Secret.of(okta.apiToken())))
                .time(clock, clock).build();
    }

    @Test
    void emitsEveryGroupOnceThenOnlyProfileChangesThenDeletesOnTheFullSync(FakeOktaServer okta, FakeOrg org,
                                                                           VirtualClock clock, RecordingSink sink) throws Exception {
        Map<String, Object> options = Map.of("page_size", 50, "full_sync_every", 2);
        try (OktaClient client = client(okta, clock)) {
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
    void importRulesLabelGroupsByIdAndName(FakeOktaServer okta, FakeOrg org, VirtualClock clock, RecordingSink sink)
            throws Exception {
        String everyone = org.directory().everyoneGroupId();
        String rules = "{\"kind\":\"okta_import_rule\",\"version\":\"v1\",\"metadata\":{\"name\":\"r\"},\"spec\":{\"priority\":1,"
                + "\"mappings\":[{\"match\":[{\"group_name_regexes\":[\"^Engineering\"]}],\"add_labels\":{\"team\":\"eng\"}},"
                + "{\"match\":[{\"group_ids\":[\"" + everyone + "\"]}],\"add_labels\":{\"scope\":\"all\"}}]}}";
        try (OktaClient client = client(okta, clock)) {
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
