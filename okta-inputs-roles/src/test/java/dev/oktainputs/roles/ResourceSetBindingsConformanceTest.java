package dev.oktainputs.roles;

import dev.oktainputs.core.OktaInput;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.RecordedOktaRequest;
import dev.oktainputs.testkit.conformance.InputConformanceSuite;
import java.util.Map;
import java.util.Set;

/** A fan-out over the resource sets: 10 sets (none in the empty org) with 3 bound roles each, one page per set. */
class ResourceSetBindingsConformanceTest extends InputConformanceSuite {

    @Override
    protected OktaInput input() {
        return new ResourceSetBindingsInput();
    }

    @Override
    protected String endpoint() {
        return "/api/v1/iam/resource-sets";
    }

    @Override
    protected void populate(FakeOrg org) {
        for (int i = 0; i < org.userCount() / 45; i++) {
            String set = org.resourceSets().add("set-" + i, "Resource set " + i);
            for (int r = 0; r < 3; r++) {
                org.resourceSets().bind(set, "cr0" + i + "x" + r);
            }
        }
    }

    @Override
    protected boolean isPageRequest(RecordedOktaRequest request) {
        return request.path().matches("/api/v1/iam/resource-sets/[^/]+/bindings");
    }

    @Override
    protected Set<String> expectedKeys(FakeOrg org) {
        return org.resourceSets().bindingKeys();
    }

    @Override
    protected Map<String, ?> smallPages() {
        return Map.of();
    }
}
