package dev.oktainputs.roles;

import dev.oktainputs.core.OktaInput;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.conformance.InputConformanceSuite;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Okta pages resource sets at its own size (20 in the fake) with the next link in the body, like custom roles. */
class ResourceSetsConformanceTest extends InputConformanceSuite {

    @Override
    protected OktaInput input() {
        return new ResourceSetsInput();
    }

    @Override
    protected String endpoint() {
        return "/api/v1/iam/resource-sets";
    }

    @Override
    protected void populate(FakeOrg org) {
        for (int i = 0; i < org.userCount() / 4; i++) { // 112 sets: 6 pages of 20; none in the empty org
            org.resourceSets().add("set-" + i, "Resource set " + i);
        }
    }

    @Override
    protected Set<String> expectedKeys(FakeOrg org) {
        return new HashSet<>(org.resourceSets().ids());
    }

    @Override
    protected Map<String, ?> smallPages() {
        return Map.of();
    }
}
