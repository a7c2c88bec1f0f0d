package dev.oktainputs.orgsettings;

import static dev.oktainputs.testkit.InputHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.config.InputOption;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.testkit.FakeNetworkZones;
import dev.oktainputs.testkit.FakeOktaExtension;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.InputHarness;
import dev.oktainputs.testkit.RecordingSink;
import dev.oktainputs.testkit.VirtualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NetworkZonesInputTest {

    @RegisterExtension
    static FakeOktaExtension okta = FakeOktaExtension.builder().users(3).seed(5).build();

    private final InputHarness harness = new InputHarness(new NetworkZonesInput());
    private final OktaInput input = harness.input();


    @Test
    void listsEveryZoneInOneRequestThenEmitsOnlyChangesAndRemovals(FakeOktaServer okta, FakeOrg org, VirtualClock clock,
                                                                  RecordingSink sink) throws Exception {
        FakeNetworkZones zones = org.networkZones();
        List<String> system = zones.addSystemZones();
        String offices = zones.addIpZone("Offices", "POLICY", "203.0.113.0/24", "198.51.100.10-198.51.100.20");
        String geo = zones.addDynamicZone("Sanctioned", "BLOCKLIST", "TorAnonymizer", "KP", "IR");
        String vpn = zones.addIpZone("VPN", "POLICY", "192.0.2.0/28");
        String lab = zones.addIpZone("Lab", "POLICY", "10.9.0.0/16");
        try (OktaClient client = okta.clientBuilder().build()) {
            harness.run(client, sink, Map.of());
            assertThat(sink.keys("network_zones")).containsExactlyInAnyOrderElementsOf(zones.ids()).hasSize(6);
            assertThat(okta.requests()).singleElement().satisfies(r -> {
                assertThat(r.path()).isEqualTo("/api/v1/zones");
                assertThat(r.queryParameter("limit")).isNull(); // Okta's default, -1: every zone
            });
            JsonNode ip = json(sink, "network_zones", offices);
            assertThat(ip.get("type").asText()).isEqualTo("IP");
            assertThat(ip.get("gateways").get(0).get("type").asText()).isEqualTo("CIDR");
            assertThat(ip.get("gateways").get(1).get("type").asText()).isEqualTo("RANGE");
            assertThat(json(sink, "network_zones", geo).get("locations").get(1).get("country").asText())
                    .isEqualTo("IR");
            assertThat(json(sink, "network_zones", geo).get("proxyType").asText()).isEqualTo("TorAnonymizer");
            assertThat(json(sink, "network_zones", system.get(1)).get("system").asBoolean()).isTrue();
            assertThat(json(sink, "network_zones", system.get(1)).get("usage").asText()).isEqualTo("BLOCKLIST");

            clock.advance(Duration.ofMinutes(5));
            zones.delete(lab);
            zones.deactivate(geo);
            zones.setGateways(vpn, "192.0.2.0/27");
            String added = zones.addIpZone("Partners", "POLICY", "100.64.0.0/10");
            clock.advance(Duration.ofMinutes(1));
            sink.clear();
            okta.takeRequests();
            harness.run(client, sink, Map.of());
            assertThat(sink.records("network_zones")).extracting(r -> r.op() + " " + r.key())
                    .containsExactlyInAnyOrder("DELETE " + lab, "UPSERT " + geo, "UPSERT " + vpn, "UPSERT " + added);
            assertThat(json(sink, "network_zones", geo).get("status").asText()).isEqualTo("INACTIVE");
            assertThat(json(sink, "network_zones", vpn).get("gateways").get(0).get("value").asText())
                    .isEqualTo("192.0.2.0/27");
            assertThat(okta.requests()).hasSize(1);
        }
    }

    @Test
    void systemZonesCannotBeDeletedAsInOkta(FakeOrg org) {
        String legacy = org.networkZones().addSystemZones().get(0);
        assertThatThrownBy(() -> org.networkZones().delete(legacy)).isInstanceOf(IllegalArgumentException.class);
        assertThat(org.networkZones().ids()).contains(legacy);
    }

    @Test
    void declaresItsScopeProbeAndNoPageSize() {
        assertThat(input.family()).isEqualTo("org_settings");
        assertThat(input.requiredScopes()).containsExactly("okta.networkZones.read");
        assertThat(input.probePath()).isEqualTo("/api/v1/zones?limit=1");
        assertThat(input.options()).extracting(InputOption::name).doesNotContain("page_size");
    }
}
