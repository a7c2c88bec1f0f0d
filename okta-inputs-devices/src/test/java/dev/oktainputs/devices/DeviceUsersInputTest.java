package dev.oktainputs.devices;

import static dev.oktainputs.testkit.InputHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.testkit.FakeOktaExtension;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.InputHarness;
import dev.oktainputs.testkit.RecordingSink;
import dev.oktainputs.testkit.VirtualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DeviceUsersInputTest {

    @RegisterExtension
    static FakeOktaExtension okta = FakeOktaExtension.builder().users(4).seed(3).build();

    private final InputHarness harness = new InputHarness(new DeviceUsersInput());

    @Test
    void emitsEachEnrolmentThenOnlyNewOnesAndRemovals(FakeOktaServer okta, FakeOrg org, VirtualClock clock,
                                                      RecordingSink sink) throws Exception {
        List<String> u = org.users().stream().map(x -> x.id()).toList();
        String ipad = org.devices().add("Shared iPad", "IOS", u.get(0), u.get(1));
        String kiosk = org.devices().add("Kiosk", "WINDOWS");
        String laptop = org.devices().add("Laptop", "MACOS", u.get(2));
        clock.advance(Duration.ofMinutes(1));
        try (OktaClient client = okta.clientBuilder().build()) {
            harness.run(client, sink);
            assertThat(sink.keys("device_users")).containsExactlyInAnyOrder(ipad + "/" + u.get(0), ipad + "/" + u.get(1),
                    laptop + "/" + u.get(2));
            var edge = json(sink, "device_users", ipad + "/" + u.get(1));
            assertThat(edge.get("deviceId").asText()).isEqualTo(ipad);
            assertThat(edge.get("userId").asText()).isEqualTo(u.get(1));
            assertThat(edge.get("deviceUser").get("managementStatus").asText()).isEqualTo("NOT_MANAGED");
            assertThat(edge.get("deviceUser").get("user").get("id").asText()).isEqualTo(u.get(1));
            assertThat(okta.requests()).extracting(r -> r.path()).containsExactlyInAnyOrder("/api/v1/devices",
                    "/api/v1/devices/" + ipad + "/users", "/api/v1/devices/" + kiosk + "/users",
                    "/api/v1/devices/" + laptop + "/users");

            clock.advance(Duration.ofMinutes(30));
            org.devices().removeUser(ipad, u.get(0));
            org.devices().delete(laptop);
            String phone = org.devices().add("Phone", "ANDROID", u.get(3));
            sink.clear();
            harness.run(client, sink);
            assertThat(sink.records("device_users")).extracting(r -> r.op() + " " + r.key()).containsExactlyInAnyOrder(
                    "DELETE " + ipad + "/" + u.get(0), "DELETE " + laptop + "/" + u.get(2), "UPSERT " + phone + "/" + u.get(3));
        }
    }

    @Test
    void anOrgWithoutDevicesGetsAnEmptyRun(FakeOktaServer okta, FakeOrg org, RecordingSink sink) throws Exception {
        org.devices().withoutFeature(401);
        try (OktaClient client = okta.clientBuilder().build()) {
            var result = harness.run(client, sink);
            assertThat(result.records()).isZero();
            assertThat(sink.records()).isEmpty();
        }
    }
}
