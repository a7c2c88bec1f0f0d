package dev.oktainputs.policies;

import dev.oktainputs.core.OktaInput;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.conformance.InputConformanceSuite;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** /api/v1/authenticators takes no paging parameters (Okta's spec): one page, one batch per run. */
class AuthenticatorsConformanceTest extends InputConformanceSuite {

    @Override
    protected OktaInput input() {
        return new AuthenticatorsInput();
    }

    @Override
    protected String endpoint() {
        return "/api/v1/authenticators";
    }

    @Override
    protected void populate(FakeOrg org) {
        if (org.userCount() == 0) {
            return; // the empty org: no authenticator at all
        }
        org.authenticators().addDefaults();
        for (int i = 0; i < 12; i++) {
            org.authenticators().add("custom_otp", "security_key", "Custom OTP " + i, i % 2 == 0 ? "ACTIVE" : "INACTIVE");
        }
    }

    @Override
    protected Set<String> expectedKeys(FakeOrg org) {
        return new HashSet<>(org.authenticators().ids());
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
