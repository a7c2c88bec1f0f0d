package dev.oktainputs.devices;

import dev.oktainputs.core.OktaInput;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.conformance.InputConformanceSuite;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** /api/v1/devices pages with a Link header, like users: the suite's paging, resume and failure cases. */
class DevicesConformanceTest extends InputConformanceSuite {

    @Override
    protected OktaInput input() {
        return new DevicesInput();
    }

    @Override
    protected String endpoint() {
        return "/api/v1/devices";
    }

    @Override
    protected void populate(FakeOrg org) {
        for (int i = 0; i < org.userCount() / 10; i++) { // 45 devices: 5 pages of 10; none in the empty org
            org.devices().add("laptop " + i, i % 2 == 0 ? "MACOS" : "WINDOWS");
        }
    }

    @Override
    protected Set<String> expectedKeys(FakeOrg org) {
        return new HashSet<>(org.devices().ids());
    }

    @Override
    protected Map<String, ?> smallPages() {
        return Map.of("page_size", 10);
    }
}
