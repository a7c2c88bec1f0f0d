package dev.oktainputs.policies;

import dev.oktainputs.core.OktaInput;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.conformance.InputConformanceSuite;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Every type's listing under /api/v1/policies; the sign-on policies take three pages, each type at least one. */
class PoliciesConformanceTest extends InputConformanceSuite {

    @Override
    protected OktaInput input() {
        return new PoliciesInput();
    }

    @Override
    protected String endpoint() {
        return "/api/v1/policies";
    }

    @Override
    protected void populate(FakeOrg org) {
        if (org.userCount() > 0) {
            PolicyOrg.fill(org);
        }
    }

    @Override
    protected Set<String> expectedKeys(FakeOrg org) {
        return new HashSet<>(PolicyOrg.policyIds(org));
    }

    @Override
    protected Map<String, ?> smallPages() {
        return Map.of();
    }
}
