package dev.oktainputs.schemas;

import dev.oktainputs.core.OktaInput;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.conformance.InputConformanceSuite;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** /api/v1/meta/types/user answers every type (at most ten) in one unpaged response: one page, one batch per run. */
class UserTypesConformanceTest extends InputConformanceSuite {

    @Override
    protected OktaInput input() {
        return new UserTypesInput();
    }

    @Override
    protected String endpoint() {
        return "/api/v1/meta/types/user";
    }

    @Override
    protected void populate(FakeOrg org) {
        if (org.userCount() == 0) {
            return; // the empty org: no type at all
        }
        org.userTypes().addDefault();
        for (int i = 1; i < 10; i++) { // the default and nine more: Okta's maximum
            org.userTypes().add("type" + i, "Type " + i, "user type " + i);
        }
    }

    @Override
    protected Set<String> expectedKeys(FakeOrg org) {
        return new HashSet<>(org.userTypes().ids());
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
