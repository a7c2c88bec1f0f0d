package dev.oktainputs.roles;

import dev.oktainputs.core.OktaInput;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.RecordedOktaRequest;
import dev.oktainputs.testkit.conformance.InputConformanceSuite;
import java.util.Map;
import java.util.Set;

/** A fan-out over the resource sets: 10 sets (none in the empty org) with 12 resources each, pages of 5. */
class ResourceSetResourcesConformanceTest extends InputConformanceSuite {

    @Override
    protected OktaInput input() {
        return new ResourceSetResourcesInput();
    }

    @Override
    protected String endpoint() {
        return "/api/v1/iam/resource-sets";
    }

    @Override
    protected void populate(FakeOrg org) {
        for (int i = 0; i < org.userCount() / 45; i++) {
            String set = org.resourceSets().add("set-" + i, "Resource set " + i);
            for (int r = 0; r < 12; r++) { // 3 pages of 5 each
                org.resourceSets().addResource(set, "orn:okta:directory:00o1:groups:00g" + i + "x" + r, "/api/v1/groups/00g" + i + "x" + r);
            }
        }
    }

    @Override
    protected boolean isPageRequest(RecordedOktaRequest request) {
        return request.path().matches("/api/v1/iam/resource-sets/[^/]+/resources");
    }

    @Override
    protected Set<String> expectedKeys(FakeOrg org) {
        return org.resourceSets().resourceKeys();
    }

    @Override
    protected Map<String, ?> smallPages() {
        return Map.of("page_size", 5);
    }
}
