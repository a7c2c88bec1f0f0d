package dev.oktainputs.devices;

import dev.oktainputs.core.OktaInput;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.RecordedOktaRequest;
import dev.oktainputs.testkit.conformance.InputConformanceSuite;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A fan-out over the devices (pages of 10): 45 devices with one or two users each, one request per device. */
class DeviceUsersConformanceTest extends InputConformanceSuite {

    @Override
    protected OktaInput input() {
        return new DeviceUsersInput();
    }

    @Override
    protected String endpoint() {
        return "/api/v1/devices";
    }

    @Override
    protected void populate(FakeOrg org) {
        List<String> users = org.users().stream().map(u -> u.id()).toList();
        for (int i = 0; i < users.size() / 10; i++) {
            org.devices().add("laptop " + i, "MACOS", users.get(i), users.get(users.size() - 1 - i));
        }
    }

    @Override
    protected boolean isPageRequest(RecordedOktaRequest request) {
        return request.path().matches("/api/v1/devices/[^/]+/users");
    }

    @Override
    protected Set<String> expectedKeys(FakeOrg org) {
        return new HashSet<>(org.devices().userKeys());
    }

    @Override
    protected Map<String, ?> smallPages() {
        return Map.of("devices_page_size", 10);
    }
}
