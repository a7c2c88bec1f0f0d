package dev.oktainputs.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRunner;
import dev.oktainputs.core.Inputs;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.config.InputOptions;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.state.InMemoryCheckpointStore;
import dev.oktainputs.core.state.InMemoryIdSetStore;
import dev.oktainputs.testkit.DirectoryShape;
import dev.oktainputs.testkit.FakeApp;
import dev.oktainputs.testkit.FakeDirectory;
import dev.oktainputs.testkit.FakeOktaExtension;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.RecordingSink;
import dev.oktainputs.testkit.VirtualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AppsInputTest {

    @RegisterExtension
    static FakeOktaExtension okta = FakeOktaExtension.builder().users(300).seed(12)
            .directory(DirectoryShape.of(30, 10, 25, 15).withAppGroups(3)).build();

    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    private final InMemoryIdSetStore idSets = new InMemoryIdSetStore();

    private void run(OktaInput input, OktaClient client, RecordingSink sink, Map<String, ?> options) throws Exception {
        InputRunner.runOnce(input, new InputContext(client, InputOptions.parse(input.name(), input.options(), options), idSets),
                sink, checkpoints);
    }

    @Test
    void everyRunListsAllAppsButEmitsOnlyChangesAndVanishedApps(FakeOktaServer okta, FakeOrg org, VirtualClock clock,
                                                               RecordingSink sink) throws Exception {
        FakeDirectory dir = org.directory();
        OktaInput apps = new AppsInput();
        try (OktaClient client = okta.clientBuilder().build()) {
            run(apps, client, sink, Map.of());
            assertThat(sink.keys("apps")).hasSize(25).doesNotHaveDuplicates();
            assertThat(sink.records("apps")).allSatisfy(r -> assertThat(r.jsonString()).isEqualTo(dir.app(r.key()).orElseThrow().json()));

            clock.advance(Duration.ofMinutes(10));
            List<FakeApp> all = dir.apps();
            dir.relabelApp(all.get(1).id(), "Renamed");
            dir.deleteApp(all.get(2).id());
            String added = dir.addApp("New app");
            clock.advance(Duration.ofMinutes(1));
            sink.clear();
            okta.takeRequests();
            run(apps, client, sink, Map.of());
            assertThat(okta.requests()).hasSize(1); // 25 apps fit one page of 200: every run lists them all
            assertThat(sink.records("apps")).extracting(r -> r.op() + " " + r.key()).containsExactlyInAnyOrder(
                    "UPSERT " + all.get(1).id(), "UPSERT " + added, "DELETE " + all.get(2).id());

            sink.clear();
            run(apps, client, sink, Map.of("full_sync", true));
            assertThat(sink.records("apps")).hasSize(25).allMatch(r -> r.op() == OktaRecord.Op.UPSERT);
        }
    }

    @Test
    void appEdgesCarryOktasAssignmentAndLabelsOfTheAppAndTheGroup(FakeOktaServer okta, FakeOrg org, VirtualClock clock,
                                                                  RecordingSink sink) throws Exception {
        FakeDirectory dir = org.directory();
        FakeApp app = dir.apps().stream().filter(a -> !dir.appGroups(a.id()).isEmpty() && !dir.appUsers(a.id()).isEmpty())
                .findFirst().orElseThrow();
        String group = dir.appGroups(app.id()).get(0);
        String rules = "[{\"spec\":{\"priority\":1,\"mappings\":[{\"match\":[{\"app_ids\":[\"" + app.id() + "\"]}],"
                + "\"add_labels\":{\"app\":\"yes\",\"tier\":\"low\"}}]}},"
                + "{\"spec\":{\"priority\":9,\"mappings\":[{\"match\":[{\"group_ids\":[\"" + group + "\"]}],"
                + "\"add_labels\":{\"tier\":\"high\"}}]}}]";
        try (OktaClient client = okta.clientBuilder().build()) {
            run(new AppUsersInput(), client, sink, Map.of("import_rules", rules));
            run(new AppGroupsInput(), client, sink, Map.of("import_rules", rules));
            clock.advance(Duration.ofMinutes(5));
            String user = dir.appUsers(app.id()).get(0);
            dir.unassignUser(app.id(), user);
            dir.unassignGroup(app.id(), group);
            clock.advance(Duration.ofMinutes(1));
            sink.clear();
            run(new AppUsersInput(), client, sink, Map.of("import_rules", rules));
            run(new AppGroupsInput(), client, sink, Map.of("import_rules", rules));
            assertThat(sink.records()).extracting(r -> r.stream() + " " + r.op() + " " + r.key() + " " + r.labels())
                    .containsExactlyInAnyOrder(
                            "app_users DELETE " + app.id() + "/" + user + " {app=yes, tier=low}",
                            "app_groups DELETE " + app.id() + "/" + group + " {app=yes, tier=high}");
        }
        sink.clear();
        try (OktaClient client = okta.clientBuilder().build()) {
            run(new AppUsersInput(), client, sink, Map.of("full_sync", true, "import_rules", rules));
        }
        OktaRecord edge = sink.records("app_users").stream().filter(r -> r.key().startsWith(app.id())).findFirst().orElseThrow();
        String userId = edge.key().substring(app.id().length() + 1);
        assertThat(edge.jsonString()).startsWith("{\"appId\":\"" + app.id() + "\",\"userId\":\"" + userId + "\",\"appUser\":{\"id\":\"" + userId);
        assertThat(edge.jsonString()).contains("\"scope\":\"USER\"");
        assertThat(edge.labels()).isEqualTo(Map.of("app", "yes", "tier", "low"));
    }

    @Test
    void allThreeAreDiscoverableByName() {
        assertThat(Inputs.byName("apps")).isInstanceOf(AppsInput.class);
        assertThat(Inputs.byName("app_users")).isInstanceOf(AppUsersInput.class);
        assertThat(Inputs.byName("app_groups")).isInstanceOf(AppGroupsInput.class);
        assertThat(Inputs.byName("app_users").requiredScopes()).containsExactly("okta.apps.read");
    }
}
