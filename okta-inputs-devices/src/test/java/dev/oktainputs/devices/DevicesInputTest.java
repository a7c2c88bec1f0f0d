package dev.oktainputs.devices;

import static dev.oktainputs.testkit.InputHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktainputs.core.InputRunner;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.listing.FeatureGuardedRun;
import dev.oktainputs.testkit.FakeOktaExtension;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.InputHarness;
import dev.oktainputs.testkit.RecordingSink;
import dev.oktainputs.testkit.StderrCapture;
import dev.oktainputs.testkit.VirtualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DevicesInputTest {

    @RegisterExtension
    static FakeOktaExtension okta = FakeOktaExtension.builder().users(3).seed(7).build();

    private final InputHarness harness = new InputHarness(new DevicesInput());

    @Test
    void listsDevicesWithTheirUsersThenEmitsOnlyChangesAndRemovals(FakeOktaServer okta, FakeOrg org, VirtualClock clock,
                                                                 RecordingSink sink) throws Exception {
        List<String> users = org.users().stream().map(u -> u.id()).toList();
        String shared = org.devices().add("Shared iPad", "IOS", users.get(0), users.get(1));
        String none = org.devices().add("Kiosk", "WINDOWS");
        String laptop = org.devices().add("Laptop", "MACOS", users.get(2));
        for (int i = 0; i < 4; i++) {
            org.devices().add("Phone " + i, "ANDROID", users.get(i % 3));
        }
        try (OktaClient client = okta.clientBuilder().build()) {
            harness.run(client, sink, Map.of("page_size", 3));
            assertThat(sink.keys("devices")).containsExactlyInAnyOrderElementsOf(org.devices().ids()).hasSize(7);
            assertThat(okta.requests()).hasSize(3).allSatisfy(r -> {
                assertThat(r.path()).isEqualTo("/api/v1/devices");
                assertThat(r.queryParameter("limit")).isEqualTo("3");
                assertThat(r.queryParameter("expand")).isEqualTo("user");
            });
            JsonNode ipad = json(sink, "devices", shared);
            assertThat(ipad.get("resourceType").asText()).isEqualTo("UDDevice");
            assertThat(ipad.get("profile").get("platform").asText()).isEqualTo("IOS");
            assertThat(ipad.get("_embedded").get("users").findValuesAsText("login")).hasSize(2);
            assertThat(ipad.get("_embedded").get("users").get(0).get("user").get("id").asText()).isEqualTo(users.get(0));
            assertThat(json(sink, "devices", none).get("_embedded").get("users")).isEmpty();

            clock.advance(Duration.ofMinutes(5));
            org.devices().setStatus(laptop, "SUSPENDED");
            org.devices().delete(none);
            String added = org.devices().add("New laptop", "MACOS", users.get(1));
            clock.advance(Duration.ofMinutes(1));
            sink.clear();
            harness.run(client, sink);
            assertThat(sink.records("devices")).extracting(r -> r.op() + " " + r.key())
                    .containsExactlyInAnyOrder("UPSERT " + laptop, "DELETE " + none, "UPSERT " + added);
            assertThat(json(sink, "devices", laptop).get("status").asText()).isEqualTo("SUSPENDED");
        }
    }

    @Test
    void anOrgWithoutDevicesGetsOneWarningAndAnEmptyRunThatKeepsEarlierRecords(FakeOktaServer okta, FakeOrg org,
                                                                               VirtualClock clock, RecordingSink sink)
            throws Exception {
        String a = org.devices().add("A", "WINDOWS");
        String b = org.devices().add("B", "MACOS");
        try (OktaClient client = okta.clientBuilder().build()) {
            harness.run(client, sink);
            assertThat(sink.keys("devices")).containsExactlyInAnyOrder(a, b);

            org.devices().withoutFeature(403);
            org.devices().delete(b);
            clock.advance(Duration.ofMinutes(5));
            sink.clear();
            InputRunner.Result result;
            try (StderrCapture log = new StderrCapture()) {
                result = harness.run(client, sink, Map.of("full_sync", true));
                assertThat(log.lines()).filteredOn(l -> l.contains("WARN")).singleElement().satisfies(w -> assertThat(w)
                        .contains("devices: this org does not have it", "403 E0000015", "earlier records are kept"));
            }
            assertThat(result.records()).isZero();
            assertThat(result.metrics().count(FeatureGuardedRun.FEATURE_MISSING)).isEqualTo(1);

            org.devices().withoutFeature(0);
            clock.advance(Duration.ofMinutes(5));
            harness.run(client, sink);
            assertThat(sink.records("devices")).extracting(r -> r.op() + " " + r.key()).containsExactly("DELETE " + b);
        }
    }
}
