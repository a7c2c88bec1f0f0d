package dev.oktainputs.orgsettings;

import dev.oktainputs.core.OktaInput;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.conformance.InputConformanceSuite;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** /api/v1/zones answers every zone in one response (Okta's limit defaults to -1): one page, one batch per run. */
class NetworkZonesConformanceTest extends InputConformanceSuite {

    @Override
    protected OktaInput input() {
        return new NetworkZonesInput();
    }

    @Override
    protected String endpoint() {
        return "/api/v1/zones";
    }

    @Override
    protected void populate(FakeOrg org) {
        if (org.userCount() == 0) {
            return; // the empty org: no zone at all
        }
        org.networkZones().addSystemZones();
        for (int i = 0; i < 43; i++) { // 45 zones: an org holds at most 100
            if (i % 3 == 0) {
                org.networkZones().addDynamicZone("geo " + i, "BLOCKLIST", "ANY", "KP", "IR");
            } else {
                org.networkZones().addIpZone("office " + i, "POLICY", "10." + i + ".0.0/16", "192.0.2." + i + "-192.0.2.250");
            }
        }
    }

    @Override
    protected Set<String> expectedKeys(FakeOrg org) {
        return new HashSet<>(org.networkZones().ids());
    }

    @Override
    protected int minimumBatches() {
        return 1;
    }

    @Override
    protected Map<String, ?> smallPages() {
        return Map.of();
    }
}
